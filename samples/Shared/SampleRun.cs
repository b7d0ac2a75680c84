using System.ClientModel;
using Microsoft.Extensions.Configuration;
using Microsoft.SemanticKernel;
using RpmKernel.Core.Errors;
using RpmKernel.SemanticKernel.Options;

namespace RpmKernel.Samples;

/// <summary>Runs a sample's body with the CLI's exit codes: 0 done, 1 the model or a call failed, 2 no model or bad input.</summary>
public static class SampleRun
{
    /// <summary>Exit code when the sample ran to the end.</summary>
    public const int Success = 0;

    /// <summary>Exit code when a model call or the model's output failed.</summary>
    public const int Failure = 1;

    /// <summary>Exit code when no model is configured, or a setting or input is wrong.</summary>
    public const int BadInput = 2;

    /// <summary>What a sample needs when no model is configured.</summary>
    public const string NeedsModel =
        """
        This sample needs a chat model. Either
          export OPENAI_API_KEY=sk-...                                  (OpenAI)
        or
          export Rpm__Chat__Endpoint=http://localhost:11434/v1          (any OpenAI-compatible server, such as Ollama)
          export Rpm__Chat__Model=llama3.1                              (a model that server serves)
        then run it again. Settings are read like the rpmk command's: appsettings.json next to the binary, then Rpm__... environment variables.
        """;

    /// <summary>Checks that a model is configured, then runs <paramref name="body"/> and maps its errors to exit codes.</summary>
    public static async Task<int> RunAsync(IConfiguration configuration, TextWriter output, Func<RpmOptions, Task> body)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(body);
        RpmOptions options;
        try
        {
            options = SampleConfiguration.BindOptions(configuration);
        }
        catch (InvalidOperationException ex)
        {
            await output.WriteLineAsync($"error: a setting has an invalid value: {ex.Message}");
            return BadInput;
        }

        if (!SampleConfiguration.HasModel(options))
        {
            await output.WriteLineAsync(NeedsModel);
            return BadInput;
        }

        try
        {
            await body(options);
            return Success;
        }
        catch (RpmInputException ex)
        {
            await output.WriteLineAsync($"error: {ex.Message}");
            return BadInput;
        }
        catch (Exception ex) when (ex is RpmModelOutputException or HttpOperationException or ClientResultException)
        {
            // The model or its server failed (invalid output after retries, HTTP errors such as a wrong key).
            await output.WriteLineAsync($"error: {ex.Message}");
            return Failure;
        }
    }
}
