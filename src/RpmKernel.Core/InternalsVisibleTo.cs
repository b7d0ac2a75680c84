using System.Runtime.CompilerServices;

// The tests check internal helpers against published vectors (RFC 4122 name-based GUIDs).
[assembly: InternalsVisibleTo("RpmKernel.Core.Tests")]
