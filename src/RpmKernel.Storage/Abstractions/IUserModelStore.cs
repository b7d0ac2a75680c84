using RpmKernel.Core.Records;

namespace RpmKernel.Storage.Abstractions;

/// <summary>One user model per user and task.</summary>
public interface IUserModelStore
{
    /// <summary>Creates the underlying storage if it does not exist yet.</summary>
    Task EnsureReadyAsync(CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces the model of <see cref="UserModel.UserId"/> and <see cref="UserModel.Task"/>.</summary>
    Task UpsertAsync(UserModel model, CancellationToken cancellationToken = default);

    /// <summary>The model of one user and task, or null when the user has not been ingested.</summary>
    Task<UserModel?> GetAsync(string userId, string task, CancellationToken cancellationToken = default);

    /// <summary>Deletes the models of a user (of one task, or of every task); returns how many.</summary>
    Task<int> DeleteAsync(string userId, string? task = null, CancellationToken cancellationToken = default);
}
