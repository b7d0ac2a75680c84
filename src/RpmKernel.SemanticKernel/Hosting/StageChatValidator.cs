using RpmKernel.Core.Errors;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Prompts;

namespace RpmKernel.SemanticKernel.Hosting;

/// <summary>Checks the per-stage chat settings (<c>Rpm:Chat:Stages</c>, <c>IngestModel</c>, <c>ServeModel</c>); each error names the stage and key.</summary>
internal static class StageChatValidator
{
    /// <summary>Throws <see cref="RpmInputException"/> for the first invalid per-stage setting.</summary>
    public static void Validate(RpmChatOptions chat)
    {
        ArgumentNullException.ThrowIfNull(chat);
        RequireModel(chat.IngestModel, "Rpm:Chat:IngestModel");
        RequireModel(chat.ServeModel, "Rpm:Chat:ServeModel");
        foreach (var (stage, own) in chat.Stages)
        {
            var key = $"Rpm:Chat:Stages:{stage}";
            Require(
                RpmStage.All.Contains(stage, StringComparer.OrdinalIgnoreCase),
                $"{key} names no stage; the stages are {string.Join(", ", RpmStage.All)} (for example Rpm:Chat:Stages:generate:Model).");
            if (own is null)
            {
                continue;
            }

            RequireModel(own.Model, key + ":Model");
            Require(own.MaxConcurrency is null or >= 1, $"{key}:MaxConcurrency must be at least 1, or unset for Rpm:Chat:MaxConcurrency.");
            Require(
                own.Endpoint is null || (own.Endpoint.IsAbsoluteUri && (own.Endpoint.Scheme == Uri.UriSchemeHttp || own.Endpoint.Scheme == Uri.UriSchemeHttps)),
                $"{key}:Endpoint '{own.Endpoint}' is not an absolute http:// or https:// address; set the server's base URL, for example http://localhost:11434/v1.");
        }
    }

    private static void RequireModel(string? model, string key) =>
        Require(model is null || !string.IsNullOrWhiteSpace(model), $"{key} is empty; set a chat model id such as gpt-4o-mini, or remove the key to use Rpm:Chat:Model.");

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new RpmInputException(message);
        }
    }
}
