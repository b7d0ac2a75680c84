using RpmKernel.Core.Errors;
using RpmKernel.Core.Text;

namespace RpmKernel.SemanticKernel.Plugin;

/// <summary>A tool's error text reaches the model (and whoever reads the chat): mask every secret in it first.</summary>
internal static class ToolErrors
{
    public static async Task<string> GuardAsync(SecretRedactor secrets, Func<Task<string>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && secrets.Redact(ex.Message) != ex.Message)
        {
            // The original (with its inner exceptions) would carry the secret on; only the masked text leaves.
            var masked = secrets.Redact(ex.Message);
            throw ex is RpmInputException ? new RpmInputException(masked) : new InvalidOperationException(masked);
        }
    }
}
