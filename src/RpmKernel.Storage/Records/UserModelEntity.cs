using Microsoft.Extensions.VectorData;

namespace RpmKernel.Storage.Records;

/// <summary>
/// The stored form of a <see cref="RpmKernel.Core.Records.UserModel"/>: the whole model as JSON, keyed
/// by (user, task). It has no vector: the VectorData model builder allows vectorless records when
/// a provider does not require a vector, and none of RpmKernel's stores does (Qdrant keeps these
/// in a payload-only collection).
/// </summary>
public sealed class UserModelEntity : UserScopedEntity
{
    /// <summary>The default collection name.</summary>
    public const string DefaultCollectionName = "rpm_user_models";

    /// <summary>The <see cref="RpmKernel.Core.Records.UserModel"/> as camelCase JSON.</summary>
    [VectorStoreData]
    public string ModelJson { get; set; } = "{}";
}
