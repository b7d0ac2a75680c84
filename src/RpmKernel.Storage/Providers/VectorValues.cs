using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData.ProviderServices;

namespace RpmKernel.Storage.Providers;

/// <summary>The vector property types every RpmKernel store accepts, and their conversion to and from floats.</summary>
internal static class VectorValues
{
    internal const string SupportedVectorTypes = "ReadOnlyMemory<float>, ReadOnlyMemory<float>?, float[], Embedding<float>";

    internal static bool IsVectorType(Type type)
        => type == typeof(ReadOnlyMemory<float>) || type == typeof(ReadOnlyMemory<float>?)
            || type == typeof(float[]) || type == typeof(Embedding<float>);

    /// <summary>The floats of a vector property value, or null when the record has no vector.</summary>
    internal static ReadOnlyMemory<float>? VectorOf(object? value) => value switch
    {
        // Typed on purpose: a bare null would become an empty vector through float[]'s implicit conversion.
        null => (ReadOnlyMemory<float>?)null,
        ReadOnlyMemory<float> m => m,
        float[] a => new ReadOnlyMemory<float>(a),
        Embedding<float> e => e.Vector,
        _ => throw new NotSupportedException($"Vector values of type '{value.GetType().Name}' are not supported. Use one of: {SupportedVectorTypes}."),
    };

    /// <summary>Wraps stored floats in the CLR type of the vector property.</summary>
    internal static object ToVectorProperty(float[] vector, Type type)
        => type == typeof(float[]) ? vector
            : type == typeof(Embedding<float>) ? new Embedding<float>(vector)
            : new ReadOnlyMemory<float>(vector);

    /// <summary>The floats of a search value: a vector, or the embedding of any other input when the property has a generator.</summary>
    internal static async ValueTask<ReadOnlyMemory<float>> ToSearchVectorAsync<TInput>(
        TInput searchValue,
        VectorPropertyModel vectorProperty,
        CancellationToken cancellationToken)
        where TInput : notnull
        => searchValue switch
        {
            ReadOnlyMemory<float> memory => memory,
            float[] array => array,
            Embedding<float> embedding => embedding.Vector,
            _ when vectorProperty.EmbeddingGenerator is IEmbeddingGenerator<TInput, Embedding<float>> generator
                => await generator.GenerateVectorAsync(searchValue, cancellationToken: cancellationToken).ConfigureAwait(false),
            _ => throw new NotSupportedException(
                VectorDataStrings.InvalidSearchInputAndNoEmbeddingGeneratorWasConfigured(searchValue.GetType(), SupportedVectorTypes)),
        };

    /// <summary>The vector size of a collection in words, for error messages: "no vectors" or "8-dimensional vectors".</summary>
    internal static string Describe(int dimensions) => dimensions == 0 ? "no vectors" : $"{dimensions}-dimensional vectors";

    /// <summary>The error of a search vector whose length is not the collection's dimension.</summary>
    internal static ArgumentException SearchDimensionMismatch(int length, string collectionName, int dimensions, string paramName)
        => new(
            $"The search vector has {length} dimensions, but collection '{collectionName}' stores {dimensions}-dimensional vectors. Embed the query with the model the collection was built with.",
            paramName);

    /// <summary>The error of a record whose vector length is not the collection's dimension.</summary>
    internal static ArgumentException RecordDimensionMismatch(object key, int length, string collectionName, int dimensions, string paramName)
        => new(
            $"Record '{key}' has a {length}-dimensional vector, but collection '{collectionName}' stores {dimensions}-dimensional vectors. Embed with the model the collection was built with.",
            paramName);
}
