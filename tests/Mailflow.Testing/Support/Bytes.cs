namespace Mailflow.Testing.Support;

/// <summary>Test content: reproducible pseudo-random bytes, and whole-stream reads.</summary>
public static class Bytes
{
    /// <summary><paramref name="length"/> bytes that are the same for the same seed, covering every byte value.</summary>
    public static byte[] Random(int length, int seed = 42)
    {
        var bytes = new byte[length];
        new System.Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Reads the stream to its end and disposes it.</summary>
    public static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        await using (stream)
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            return copy.ToArray();
        }
    }
}
