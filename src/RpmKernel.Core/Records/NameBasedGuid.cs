using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace RpmKernel.Core.Records;

/// <summary>RFC 4122 §4.3 name-based GUIDs, version 5 (SHA-1).</summary>
internal static class NameBasedGuid
{
    /// <summary>Hashes the namespace (network byte order) followed by <paramref name="name"/> and sets the version and variant bits.</summary>
    public static Guid Create(Guid namespaceId, ReadOnlySpan<byte> name)
    {
        var input = new byte[16 + name.Length];
        namespaceId.TryWriteBytes(input, bigEndian: true, out _);
        name.CopyTo(input.AsSpan(16));

        // SHA-1 is what RFC 4122 prescribes for version 5; the GUID is an identifier, not a secret.
#pragma warning disable CA5350
        var hash = SHA1.HashData(input);
#pragma warning restore CA5350

        var bytes = hash.AsSpan(0, 16);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>
    /// Encodes parts so no two different part lists give the same bytes: each part is its UTF-8
    /// length as a 4-byte big-endian integer followed by its UTF-8 bytes.
    /// </summary>
    public static byte[] EncodeParts(params ReadOnlySpan<string> parts)
    {
        var encoded = new List<byte>();
        Span<byte> length = stackalloc byte[4];
        foreach (var part in parts)
        {
            var utf8 = Encoding.UTF8.GetBytes(part);
            BinaryPrimitives.WriteInt32BigEndian(length, utf8.Length);
            encoded.AddRange(length);
            encoded.AddRange(utf8);
        }

        return [.. encoded];
    }
}
