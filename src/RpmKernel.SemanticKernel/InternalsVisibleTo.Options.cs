using System.Runtime.CompilerServices;

// The CLI refuses unknown settings with the same check as the host (RpmConfigurationKeys.ThrowIfUnknown);
// the tests reach the internal option checks directly.
[assembly: InternalsVisibleTo("rpmk")]
[assembly: InternalsVisibleTo("RpmKernel.SemanticKernel.Tests")]
