using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using RpmKernel.Core.Scopes;
using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Options;

namespace RpmKernel.Samples.AutoFunctionCalling;

/// <summary>The composition of the auto-function-calling sample.</summary>
public static class Extensions
{
    /// <summary>
    /// The application's own chat model (OpenAI, on the same endpoint and key as RpmKernel) plus
    /// RpmKernel through <c>AddRpm</c>, which imports the read-only <c>Rpm</c> tools for the model to call.
    /// The host binds whose data they read (here the demo user, as the signed-in user would be); the model
    /// only chooses the query.
    /// </summary>
    public static IKernelBuilder AddPersonalizingChat(this IKernelBuilder builder, IConfiguration configuration, RpmOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        return builder
            .AddOpenAIChatCompletion(options.Chat.Model, SampleOpenAI.CreateClient(options.Chat))
            .AddRpm(configuration, rpm =>
            {
                rpm.UseConfiguredEmbeddings(options);
                rpm.Services.AddSingleton<IRpmScopeAccessor>(new FixedScopeAccessor(new RpmScope(DemoUser.UserId, DemoUser.Task)));
            });
    }
}
