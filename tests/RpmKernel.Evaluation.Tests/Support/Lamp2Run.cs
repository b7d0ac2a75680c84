using RpmKernel.Evaluation.Methods;
using RpmKernel.Evaluation.Running;

namespace RpmKernel.Evaluation.Tests.Support;

/// <summary>The small LaMP-2 evaluation the runner tests share: the fixture's questions and golds, two users, seed 1, top 2.</summary>
internal static class Lamp2Run
{
    public static EvalOptions Options(string output, params string[] methods) => new()
    {
        Task = "lamp2",
        Questions = Fixture.Path("lamp2_questions.json"),
        Outputs = Fixture.Path("lamp2_outputs.json"),
        OutputDirectory = output,
        Methods = methods.Length == 0 ? MethodCatalog.All : methods,
        Users = 2,
        Seed = 1,
        TopK = 2,
    };
}
