using Microsoft.Extensions.VectorData;

namespace RpmKernel.Storage.Providers;

/// <summary>
/// A collection that searches one user's and task's vectors without the generic filter path: it
/// reads only keys and vectors (or keeps them in memory between writes) and fetches the text of the
/// winners alone. Collections without it are searched through <see cref="VectorStoreCollection{TKey, TRecord}.SearchAsync{TInput}"/>.
/// </summary>
internal interface IScopedVectorSearch<TEntity>
    where TEntity : class
{
    /// <summary>The <paramref name="top"/> records of the user and task most similar (cosine) to <paramref name="query"/>, best first.</summary>
    Task<IReadOnlyList<VectorSearchResult<TEntity>>> SearchScopedAsync(string userId, string task, ReadOnlyMemory<float> query, int top, CancellationToken cancellationToken);
}
