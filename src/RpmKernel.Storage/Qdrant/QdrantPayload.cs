using System.Globalization;
using Qdrant.Client.Grpc;
using RpmKernel.Storage.Providers;

namespace RpmKernel.Storage.Qdrant;

/// <summary>
/// How .NET values are stored in Qdrant payloads. Upserts and filters both convert here, so a
/// stored value and the same value in a filter always have one representation: GUIDs and times
/// are strings (times in UTC round-trip format, so equal instants have equal text), whole numbers
/// are integers, fractions are doubles.
/// </summary>
internal static class QdrantPayload
{
    /// <summary>The payload index type that matches how <paramref name="type"/> is stored.</summary>
    internal static FieldType IndexType(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(bool) ? FieldType.Bool
            : t == typeof(int) || t == typeof(long) || t == typeof(short) ? FieldType.Integer
            : t == typeof(float) || t == typeof(double) ? FieldType.Float
            : FieldType.Keyword;
    }

    /// <summary>The point id of a key.</summary>
    internal static PointId ToPointId(Guid key) => new() { Uuid = key.ToString("D") };

    /// <summary>The key of a point id.</summary>
    internal static Guid FromPointId(PointId id)
        => id.PointIdOptionsCase == PointId.PointIdOptionsOneofCase.Uuid
            ? Guid.Parse(id.Uuid)
            : throw new InvalidOperationException($"Point {id.Num} has a numeric id; RpmKernel's Qdrant collections use UUID ids only. The collection was written by something else; use another collection name.");

    /// <summary>Converts a data or filter value to its payload form.</summary>
    internal static Value ToValue(object? value) => value switch
    {
        null => new Value { NullValue = NullValue.NullValue },
        string s => s,
        bool b => b,
        int i => (long)i,
        long l => l,
        short s => (long)s,
        float f => (double)f,
        double d => d,
        Guid g => g.ToString("D"),
        DateTimeOffset d => d.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        _ => throw new NotSupportedException($"Values of type '{value.GetType().Name}' cannot be stored in a Qdrant payload. Use one of: {ScalarTypes.Supported}."),
    };

    /// <summary>Reads a payload value back as <paramref name="type"/>; a missing or null value gives null.</summary>
    internal static object? FromValue(Value? value, Type type)
    {
        if (value is null || value.KindCase is Value.KindOneofCase.None or Value.KindOneofCase.NullValue)
        {
            return null;
        }

        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t switch
        {
            _ when t == typeof(string) => value.StringValue,
            _ when t == typeof(Guid) => Guid.Parse(value.StringValue),
            _ when t == typeof(bool) => value.BoolValue,
            _ when t == typeof(int) => checked((int)value.IntegerValue),
            _ when t == typeof(long) => value.IntegerValue,
            _ when t == typeof(short) => checked((short)value.IntegerValue),
            _ when t == typeof(float) => (float)Number(value),
            _ when t == typeof(double) => Number(value),
            _ when t == typeof(DateTimeOffset) => DateTimeOffset.Parse(value.StringValue, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            _ when t == typeof(DateTime) => DateTime.Parse(value.StringValue, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            _ => throw new NotSupportedException($"Type '{type.Name}' cannot be read from a Qdrant payload. Use one of: {ScalarTypes.Supported}."),
        };
    }

    // A double that happens to be whole may come back as an integer from payloads written by other clients.
    private static double Number(Value value)
        => value.KindCase == Value.KindOneofCase.IntegerValue ? value.IntegerValue : value.DoubleValue;
}
