using System.Runtime.CompilerServices;

// The evaluation builds the RPM ablation ladder from the stages' own answer schemas, factor text and
// reply readers, so an ablation differs from RPM only in what it leaves out.
[assembly: InternalsVisibleTo("RpmKernel.Evaluation")]
