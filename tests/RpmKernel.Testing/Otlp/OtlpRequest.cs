namespace RpmKernel.Testing.Otlp;

/// <summary>One export request an <see cref="OtlpReceiver"/> received.</summary>
/// <param name="Method">The HTTP method (OTLP/HTTP exports are POSTs).</param>
/// <param name="Path">The request path, such as <c>/v1/traces</c>.</param>
/// <param name="ContentType">The content type; <c>application/x-protobuf</c> for http/protobuf.</param>
/// <param name="Body">The request body as sent.</param>
public sealed record OtlpRequest(string Method, string Path, string? ContentType, byte[] Body)
{
    /// <summary>
    /// True when the body holds a protobuf string field 1 equal to <paramref name="value"/>: the
    /// encoding of an instrumentation scope's (or a resource attribute key's) name.
    /// </summary>
    public bool HasNameField(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        var text = System.Text.Encoding.UTF8.GetBytes(value);
        if (text.Length > 127)
        {
            throw new ArgumentException("Only names shorter than 128 bytes are supported (one-byte length prefix).", nameof(value));
        }

        byte[] field = [0x0A, (byte)text.Length, .. text];
        return Body.AsSpan().IndexOf(field) >= 0;
    }
}
