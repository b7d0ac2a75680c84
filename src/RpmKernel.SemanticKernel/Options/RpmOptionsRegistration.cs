using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace RpmKernel.SemanticKernel.Options;

/// <summary>Registers <see cref="RpmOptions"/> bound from the <c>Rpm</c> section and validated when the host starts.</summary>
internal static class RpmOptionsRegistration
{
    /// <summary>
    /// Binds <see cref="RpmOptions"/> to the <c>Rpm</c> section of <paramref name="configuration"/> and
    /// validates it at host start (<c>ValidateOnStart</c>): an unknown key or an out-of-range value stops
    /// the host with an <see cref="OptionsValidationException"/> naming the key.
    /// </summary>
    public static OptionsBuilder<RpmOptions> AddValidatedRpmOptions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(RpmOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RpmOptions>>(new RpmOptionsValidation(section)));
        return services.AddOptions<RpmOptions>().Bind(section).ValidateOnStart();
    }
}
