using RpmKernel.Core.Text;

namespace RpmKernel.SemanticKernel.Options;

/// <summary>The secrets of a configuration (chat keys, also per stage, Qdrant key, <c>OPENAI_API_KEY</c>) as a redactor for the texts the pipeline hands out.</summary>
internal static class RpmSecrets
{
    public static SecretRedactor Redactor(RpmOptions options)
    {
        var redactor = new SecretRedactor();
        redactor.Add(options.Chat.ApiKey);
        redactor.Add(options.Chat.ResolveApiKey());
        foreach (var stage in options.Chat.Stages.Values)
        {
            redactor.Add(stage?.ApiKey);
        }

        redactor.Add(options.Store.Qdrant.ApiKey);
        return redactor;
    }
}
