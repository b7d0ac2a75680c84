using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using RpmKernel.Storage.Providers;

namespace RpmKernel.Storage.Sqlite;

/// <summary>
/// How .NET values are stored in SQLite columns. Values are converted here, not by
/// Microsoft.Data.Sqlite, so that a value written by an upsert and the same value used as a filter
/// parameter always have one representation (Microsoft.Data.Sqlite would bind a <see cref="Guid"/>
/// as a BLOB, for instance, while we store keys as readable text).
/// </summary>
internal static class SqliteValues
{
    internal const string SupportedKeyTypes = "Guid, string, int, long";

    internal const string SupportedDataTypes = ScalarTypes.Supported;

    internal static bool IsKeyType(Type type)
        => type == typeof(Guid) || type == typeof(string) || type == typeof(int) || type == typeof(long);

    internal static bool IsDataType(Type type) => DataColumnType(type) is not null;

    /// <summary>The SQLite column type of a key or data property, or null when the type is not supported.</summary>
    internal static string? DataColumnType(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string) || t == typeof(Guid) || t == typeof(DateTime) || t == typeof(DateTimeOffset))
        {
            return "TEXT";
        }

        if (t == typeof(bool) || t == typeof(int) || t == typeof(long) || t == typeof(short))
        {
            return "INTEGER";
        }

        return t == typeof(float) || t == typeof(double) ? "REAL" : null;
    }

    /// <summary>Converts a key, data or filter value to what is bound as a SQLite parameter.</summary>
    internal static object ToDb(object? value) => value switch
    {
        null => DBNull.Value,
        Guid g => g.ToString("D"),
        bool b => b ? 1L : 0L,

        // Normalized to UTC so that equal instants have equal text and text order is time order.
        DateTimeOffset d => d.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        _ => value,
    };

    /// <summary>Reads a key or data column back as <paramref name="type"/>.</summary>
    internal static object? FromDb(SqliteDataReader reader, int ordinal, Type type)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }

        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t switch
        {
            _ when t == typeof(string) => reader.GetString(ordinal),
            _ when t == typeof(Guid) => Guid.Parse(reader.GetString(ordinal)),
            _ when t == typeof(bool) => reader.GetInt64(ordinal) != 0,
            _ when t == typeof(int) => reader.GetInt32(ordinal),
            _ when t == typeof(long) => reader.GetInt64(ordinal),
            _ when t == typeof(short) => reader.GetInt16(ordinal),
            _ when t == typeof(float) => reader.GetFloat(ordinal),
            _ when t == typeof(double) => reader.GetDouble(ordinal),
            _ when t == typeof(DateTimeOffset) => DateTimeOffset.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            _ when t == typeof(DateTime) => DateTime.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            _ => throw new NotSupportedException($"Type '{type.Name}' cannot be read from SQLite. Use one of: {SupportedDataTypes}."),
        };
    }

    /// <summary>Encodes a vector as a BLOB of little-endian IEEE 754 singles, whatever the machine's byte order.</summary>
    internal static byte[] EncodeVector(ReadOnlySpan<float> vector)
    {
        var bytes = new byte[vector.Length * sizeof(float)];
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(vector).CopyTo(bytes);
            return bytes;
        }

        for (var i = 0; i < vector.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), vector[i]);
        }

        return bytes;
    }

    /// <summary>Decodes a BLOB written by <see cref="EncodeVector"/> into <paramref name="destination"/>.</summary>
    internal static void DecodeVector(ReadOnlySpan<byte> blob, Span<float> destination)
    {
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.Cast<byte, float>(blob[..(destination.Length * sizeof(float))]).CopyTo(destination);
            return;
        }

        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = BinaryPrimitives.ReadSingleLittleEndian(blob[(i * sizeof(float))..]);
        }
    }
}
