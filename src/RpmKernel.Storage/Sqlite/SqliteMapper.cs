using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.VectorData.ProviderServices;
using RpmKernel.Storage.Providers;

namespace RpmKernel.Storage.Sqlite;

/// <summary>
/// Maps records to table rows and back through the <see cref="CollectionModel"/>'s property
/// accessors, so plain classes and dynamic <c>Dictionary&lt;string, object?&gt;</c> records share
/// one code path. Columns are always in model order: key, data properties, then the vector.
/// </summary>
internal sealed class SqliteMapper<TRecord>
    where TRecord : class
{
    private readonly CollectionModel _model;
    private readonly PropertyModel[] _scalarColumns;

    internal SqliteMapper(CollectionModel model)
    {
        _model = model;
        _scalarColumns = [model.KeyProperty, .. model.DataProperties];
        Vector = model.VectorProperties.Count == 1 ? model.VectorProperties[0] : null;
        Dimensions = Vector?.Dimensions ?? 0;
        KeyColumn = SqliteSchema.Quote(model.KeyProperty.StorageName);
        VectorColumn = Vector is null ? null : SqliteSchema.Quote(Vector.StorageName);

        var scalars = string.Join(", ", _scalarColumns.Select(p => SqliteSchema.Quote(p.StorageName)));
        SelectColumns = scalars;
        SelectColumnsWithVector = VectorColumn is null ? scalars : scalars + ", " + VectorColumn;
        ParameterNames = [.. Enumerable.Range(0, _scalarColumns.Length + (Vector is null ? 0 : 1)).Select(i => "@p" + i.ToString(CultureInfo.InvariantCulture))];
    }

    /// <summary>The vector property, or null for a collection without vectors.</summary>
    internal VectorPropertyModel? Vector { get; }

    /// <summary>The vector dimension of the collection (0 without a vector property).</summary>
    internal int Dimensions { get; }

    internal string KeyColumn { get; }

    internal string? VectorColumn { get; }

    /// <summary>The key and data columns, in mapping order.</summary>
    internal string SelectColumns { get; }

    /// <summary>The key, data and vector columns, in mapping order.</summary>
    internal string SelectColumnsWithVector { get; }

    /// <summary>The parameter names <see cref="Bind"/> fills, one per column in mapping order.</summary>
    internal IReadOnlyList<string> ParameterNames { get; }

    /// <summary>The ordinal of the vector column in a row selected with <see cref="SelectColumnsWithVector"/>.</summary>
    internal int VectorOrdinal => _scalarColumns.Length;

    /// <summary>Converts a key to its stored form.</summary>
    internal static object KeyToDb(object key) => SqliteValues.ToDb(key);

    /// <summary>Gets the record's key, generating a GUID first when the key is auto-generated and unset.</summary>
    internal object KeyOf(TRecord record) => StoreKeys.KeyOf(_model.KeyProperty, record) switch
    {
        null or "" => throw new ArgumentException($"A record has no key: set '{_model.KeyProperty.ModelName}' before upserting it.", nameof(record)),
        var key => key,
    };

    /// <summary>Sets the parameters of an upsert command (created with <see cref="ParameterNames"/>) from one record.</summary>
    internal void Bind(SqliteCommand command, TRecord record, string collectionName)
    {
        var key = KeyOf(record);
        command.Parameters[0].Value = SqliteValues.ToDb(key);
        for (var i = 1; i < _scalarColumns.Length; i++)
        {
            command.Parameters[i].Value = SqliteValues.ToDb(_scalarColumns[i].GetValueAsObject(record));
        }

        if (Vector is null)
        {
            return;
        }

        var vector = VectorValues.VectorOf(Vector.GetValueAsObject(record));
        if (vector is { Length: var length } && length != Dimensions)
        {
            throw VectorValues.RecordDimensionMismatch(key, length, collectionName, Dimensions, nameof(record));
        }

        command.Parameters[VectorOrdinal].Value = vector is { } v ? SqliteValues.EncodeVector(v.Span) : DBNull.Value;
    }

    /// <summary>Builds a record from the current row; <paramref name="vector"/> is the decoded vector when it was selected.</summary>
    internal TRecord Read(SqliteDataReader reader, float[]? vector)
    {
        var record = _model.CreateRecord<TRecord>();
        for (var i = 0; i < _scalarColumns.Length; i++)
        {
            var property = _scalarColumns[i];
            property.SetValueAsObject(record, SqliteValues.FromDb(reader, i, property.Type));
        }

        if (vector is not null && Vector is not null)
        {
            Vector.SetValueAsObject(record, VectorValues.ToVectorProperty(vector, Vector.Type));
        }

        return record;
    }

    /// <summary>Decodes the vector column of the current row into a new array, or returns null when the row has no vector.</summary>
    internal float[]? ReadVector(SqliteDataReader reader, string collectionName)
    {
        var vector = new float[Dimensions];
        return ReadVector(reader, collectionName, vector) ? vector : null;
    }

    /// <summary>
    /// Decodes the vector column of the current row into <paramref name="destination"/> (reused
    /// across rows while ranking); false when the row has no vector.
    /// </summary>
    internal bool ReadVector(SqliteDataReader reader, string collectionName, float[] destination)
    {
        if (reader.IsDBNull(VectorOrdinal))
        {
            return false;
        }

        // One copy of the blob; GetBytes opens a blob stream per call, which made a 500-row search ~8x slower.
        var blob = reader.GetFieldValue<byte[]>(VectorOrdinal);
        if (blob.Length != Dimensions * sizeof(float))
        {
            throw new InvalidOperationException(
                $"Collection '{collectionName}' holds a record ('{reader.GetValue(0)}') whose vector has {blob.Length / (double)sizeof(float)} dimensions instead of {Dimensions}. The table was written by something other than this store; delete and rebuild the collection.");
        }

        SqliteValues.DecodeVector(blob, destination);
        return true;
    }
}
