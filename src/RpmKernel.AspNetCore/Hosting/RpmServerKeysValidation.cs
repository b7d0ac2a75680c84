using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using RpmKernel.SemanticKernel.Options;

namespace RpmKernel.AspNetCore.Hosting;

/// <summary>
/// Refuses a misspelt key under <c>Rpm:Server</c> (<c>Rpm:Server:DefaultTsk</c>) when the host starts, with the
/// nearest valid key, as <c>AddRpm</c> does for the rest of <c>Rpm</c>: the binder would ignore it silently.
/// </summary>
internal sealed class RpmServerKeysValidation(IConfiguration configuration) : IValidateOptions<RpmServerOptions>
{
    public ValidateOptionsResult Validate(string? name, RpmServerOptions options)
    {
        var unknown = RpmConfigurationKeys.FindUnknown(configuration.GetSection(RpmServerOptions.SectionName), typeof(RpmServerOptions));
        return unknown.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(RpmConfigurationKeys.Describe(unknown));
    }
}
