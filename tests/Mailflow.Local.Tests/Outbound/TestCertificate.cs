using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Mailflow.Local.Tests.Outbound;

/// <summary>A self-signed certificate for 127.0.0.1 written as PEM files for the sink, and a validator that trusts exactly it.</summary>
internal sealed class TestCertificate : IDisposable
{
    private readonly X509Certificate2 _certificate;

    public TestCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var now = TimeProvider.System.GetUtcNow();
        _certificate = request.CreateSelfSigned(now.AddHours(-1), now.AddHours(1));
        Directory = System.IO.Directory.CreateTempSubdirectory("mailflow-cert-").FullName;
        CertificatePath = Path.Combine(Directory, "cert.pem");
        KeyPath = Path.Combine(Directory, "key.pem");
        File.WriteAllText(CertificatePath, _certificate.ExportCertificatePem());
        File.WriteAllText(KeyPath, key.ExportPkcs8PrivateKeyPem());
    }

    public string Directory { get; }

    public string CertificatePath { get; }

    public string KeyPath { get; }

    public string[] SinkOptions => ["--tls-cert", CertificatePath, "--tls-key", KeyPath];

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, System.Net.Security.SslPolicyErrors errors) =>
        certificate is not null && certificate.GetCertHashString() == _certificate.GetCertHashString();

    public void Dispose()
    {
        _certificate.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
