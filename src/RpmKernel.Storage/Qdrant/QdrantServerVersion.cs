using System.Globalization;
using Qdrant.Client.Grpc;

namespace RpmKernel.Storage.Qdrant;

/// <summary>
/// Which Qdrant servers the store talks to. Below 1.13 a server ignores the <c>Vector.dense</c>
/// field every upsert and query is sent in, reads an empty vector and fails with a dimension
/// error, so such servers are refused before any write. The client library is generated from
/// one server release and tested against it and the two minor releases before; older servers
/// from 1.13 on work but get a warning.
/// </summary>
internal static class QdrantServerVersion
{
    /// <summary>The oldest server the store works with.</summary>
    internal static readonly Version Minimum = new(1, 13);

    /// <summary>The server release the Qdrant client library was generated from.</summary>
    internal static readonly Version Client = Parse(QdrantGrpcClient.QdrantVersion) ?? new Version(1, 13);

    /// <summary>The oldest of the three minor releases the client library is tested against.</summary>
    internal static readonly Version Tested = new(Client.Major, Math.Max(Minimum.Minor, Client.Minor - 2));

    /// <summary>The supported range as text, for messages.</summary>
    internal static string Range => $"{Minimum.Major}.{Minimum.Minor} or newer (tested with {Tested.Major}.{Tested.Minor}–{Client.Major}.{Client.Minor})";

    /// <summary>The numeric part of a version such as <c>v1.17.0</c> or <c>1.16.3-dev</c>, or null when there is none.</summary>
    internal static Version? Parse(string? text)
    {
        var digits = new string([.. (text ?? "").TrimStart('v', 'V').TakeWhile(c => char.IsAsciiDigit(c) || c == '.')]).Trim('.');
        var parts = digits.Split('.', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor)
            ? new Version(major, minor, parts.Length > 2 && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var patch) ? patch : 0)
            : null;
    }
}
