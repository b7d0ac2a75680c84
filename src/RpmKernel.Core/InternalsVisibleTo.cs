using System.Runtime.CompilerServices;

// The tests check internal helpers against published vectors (RFC 4122 name-based GUIDs).
[assembly: InternalsVisibleTo("RpmKernel.Core.Tests")]

// The pipeline keeps the factor statistics as counts (FactorTally) and updates them item by item.
[assembly: InternalsVisibleTo("RpmKernel.SemanticKernel")]
[assembly: InternalsVisibleTo("RpmKernel.SemanticKernel.Tests")]
