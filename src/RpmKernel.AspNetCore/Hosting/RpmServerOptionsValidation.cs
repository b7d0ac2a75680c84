using Microsoft.Extensions.Options;
using RpmKernel.AspNetCore.Auth;
using RpmKernel.AspNetCore.Endpoints;
using RpmKernel.Core.Errors;

namespace RpmKernel.AspNetCore.Hosting;

/// <summary>Checks <c>Rpm:Server</c> when the host starts: the API keys, the default task and the jobs rescan interval.</summary>
internal sealed class RpmServerOptionsValidation : IValidateOptions<RpmServerOptions>
{
    public ValidateOptionsResult Validate(string? name, RpmServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        try
        {
            _ = new ApiKeyRegistry(options);
        }
        catch (RpmInputException ex)
        {
            failures.Add(ex.Message);
        }

        try
        {
            _ = RpmTaskNames.Resolve(null, options);
        }
        catch (RpmInputException ex)
        {
            failures.Add($"{RpmServerOptions.SectionName}:DefaultTask: {ex.Message}");
        }

        if (options.JobsRescanInterval <= TimeSpan.Zero || options.JobsRescanInterval > TimeSpan.FromDays(1))
        {
            failures.Add($"{RpmServerOptions.SectionName}:JobsRescanInterval is {options.JobsRescanInterval}; set an interval above zero and at most a day, such as 00:00:30 (how often the server looks for jobs no server is running).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
