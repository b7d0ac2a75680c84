using Microsoft.Extensions.VectorData.ProviderServices;

namespace RpmKernel.Storage.Providers;

/// <summary>Where a collection keeps the user and task of its entities, the same way in every RpmKernel store.</summary>
internal static class UserScopeColumns
{
    /// <summary>The storage name of the user of an entity.</summary>
    internal const string UserIdName = "UserId";

    /// <summary>The storage name of the task of an entity.</summary>
    internal const string TaskName = "Task";

    /// <summary>The storage names of the UserId and Task properties when the collection has both (every RpmKernel entity), else null.</summary>
    internal static (string UserId, string Task)? Of(CollectionModel model)
    {
        var user = model.DataProperties.FirstOrDefault(p => p.StorageName == UserIdName && p.Type == typeof(string));
        var task = model.DataProperties.FirstOrDefault(p => p.StorageName == TaskName && p.Type == typeof(string));
        return user is null || task is null ? null : (user.StorageName, task.StorageName);
    }
}
