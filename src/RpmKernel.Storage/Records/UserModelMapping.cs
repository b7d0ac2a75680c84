using System.Text.Json;
using RpmKernel.Core.Records;

namespace RpmKernel.Storage.Records;

/// <summary>Maps <see cref="UserModel"/> to and from <see cref="UserModelEntity"/>.</summary>
internal static class UserModelMapping
{
    internal static UserModelEntity ToEntity(UserModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new UserModelEntity
        {
            Key = RecordKeys.ForUserModel(model.UserId, model.Task),
            UserId = model.UserId,
            Task = model.Task,
            ModelJson = JsonSerializer.Serialize(model, StorageJson.Options),
        };
    }

    /// <exception cref="InvalidDataException">The stored JSON is not a valid user model.</exception>
    internal static UserModel ToModel(UserModelEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        try
        {
            return JsonSerializer.Deserialize<UserModel>(entity.ModelJson, StorageJson.Options)
                ?? throw new JsonException("The JSON is null.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException(
                $"The stored model of user '{entity.UserId}' for task '{entity.Task}' is not valid JSON of a user model: {ex.Message} Re-ingest the user to rebuild it.",
                ex);
        }
    }
}
