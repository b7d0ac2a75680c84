using RpmKernel.Core.Records;
using RpmKernel.SemanticKernel.Pipeline;

namespace RpmKernel.SemanticKernel.Plugin;

/// <summary>
/// What a tool call hands back to the model: the answer it needs, not the provenance blob (that stays
/// with the host, through <see cref="RpmToolOptions.OnPersonalized"/> or the pipeline).
/// </summary>
internal static class ToolResults
{
    public static string Personalized(PersonalizedAnswer answer) =>
        RpmJson.Serialize(new { answer = answer.Answer, reasoning = answer.Reasoning, examples = answer.Examples.Count }, indented: false);

    public static string Explained(UserModel model) =>
        RpmJson.Serialize(new
        {
            task = model.Task,
            itemCount = model.ItemCount,
            factors = model.Factors,
        }, indented: false);

    public static string Ingested(IngestResult result) =>
        RpmJson.Serialize(new { items = result.Items, failed = result.Failed.Count }, indented: false);

    public static string Forgotten(ForgetReceipt receipt) =>
        RpmJson.Serialize(new { records = receipt.Records, models = receipt.Models }, indented: false);
}
