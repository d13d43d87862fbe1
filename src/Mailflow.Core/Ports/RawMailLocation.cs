namespace Mailflow.Core.Ports;

/// <summary>Bucket and key of a raw mail, as the SES S3 action names them.</summary>
public sealed record RawMailLocation(string Bucket, string Key)
{
    public override string ToString() => $"{Bucket}/{Key}";
}
