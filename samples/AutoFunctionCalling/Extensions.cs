using Microsoft.Extensions.Configuration;
using Microsoft.SemanticKernel;
using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Options;

namespace RpmKernel.Samples.AutoFunctionCalling;

/// <summary>The composition of the auto-function-calling sample.</summary>
public static class Extensions
{
    /// <summary>
    /// The application's own chat model (OpenAI, on the same endpoint and key as RpmKernel) plus
    /// RpmKernel through <c>AddRpm</c>, which imports the <c>Rpm</c> plugin for the model to call.
    /// </summary>
    public static IKernelBuilder AddPersonalizingChat(this IKernelBuilder builder, IConfiguration configuration, RpmOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        return builder
            .AddOpenAIChatCompletion(options.Chat.Model, SampleOpenAI.CreateClient(options.Chat))
            .AddRpm(configuration, rpm => rpm.UseConfiguredEmbeddings(options));
    }
}
