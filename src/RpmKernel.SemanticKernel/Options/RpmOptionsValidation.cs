using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using RpmKernel.Core.Errors;
using RpmKernel.SemanticKernel.Hosting;

namespace RpmKernel.SemanticKernel.Options;

/// <summary>
/// Validates <see cref="RpmOptions"/> when the host starts: no unknown key under the <c>Rpm</c>
/// section, and every value in range (the checks of <see cref="RpmOptionsValidator"/>, with their messages).
/// </summary>
/// <param name="rpmSection">The section the options are bound from.</param>
internal sealed class RpmOptionsValidation(IConfiguration rpmSection) : IValidateOptions<RpmOptions>
{
    private readonly IConfiguration _rpmSection = rpmSection ?? throw new ArgumentNullException(nameof(rpmSection));

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, RpmOptions options)
    {
        // Only the default instance is bound from the section.
        if (!string.IsNullOrEmpty(name))
        {
            return ValidateOptionsResult.Skip;
        }

        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var unknown = RpmConfigurationKeys.FindUnknown(_rpmSection);
        if (unknown.Count > 0)
        {
            failures.Add(RpmConfigurationKeys.Describe(unknown));
        }

        try
        {
            RpmOptionsValidator.Validate(options);
        }
        catch (RpmInputException ex)
        {
            failures.Add(ex.Message);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
