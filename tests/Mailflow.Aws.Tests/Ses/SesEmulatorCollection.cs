using Mailflow.Testing.Emulators;

namespace Mailflow.Aws.Tests.Ses;

/// <summary>One <see cref="SesEmulator"/> for every test class that sends to it.</summary>
[CollectionDefinition(Name)]
public sealed class SesEmulatorCollection : ICollectionFixture<SesEmulator>
{
    public const string Name = "aws-ses-v2-local";
}
