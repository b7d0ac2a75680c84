using Microsoft.Extensions.VectorData;

namespace RpmKernel.Storage.Tests.Sqlite;

/// <summary>A small record with one property of each kind the filter tests need.</summary>
public sealed class Doc
{
    [VectorStoreKey]
    public Guid Key { get; set; }

    [VectorStoreData(IsIndexed = true)]
    public string Tag { get; set; } = "";

    [VectorStoreData]
    public int Rank { get; set; }

    [VectorStoreData]
    public bool Flag { get; set; }

    [VectorStoreData]
    public string? Note { get; set; }

    [VectorStoreData]
    public DateTimeOffset When { get; set; }

    [VectorStoreVector(3)]
    public ReadOnlyMemory<float>? Vector { get; set; }

    public static Doc Create(int n, string tag, float[]? vector = null, bool flag = false, string? note = null) => new()
    {
        Key = KeyOf(n),
        Tag = tag,
        Rank = n,
        Flag = flag,
        Note = note,
        When = new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero).AddDays(n),
        Vector = vector ?? [1, n, 0],
    };

    /// <summary>A readable fixed key per number, so tests can name expected records.</summary>
    public static Guid KeyOf(int n) => new($"00000000-0000-0000-0000-{n:D12}");
}
