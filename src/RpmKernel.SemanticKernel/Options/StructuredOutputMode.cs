namespace RpmKernel.SemanticKernel.Options;

/// <summary>How a stage asks the model for JSON of its schema.</summary>
public enum StructuredOutputMode
{
    /// <summary>Strict <c>json_schema</c> response format: the server enforces the schema.</summary>
    JsonSchema,

    /// <summary><c>json_object</c> response format, with the schema written into the prompt.</summary>
    JsonObject,

    /// <summary>Plain text, with the schema written into the prompt (servers without JSON modes).</summary>
    Text,
}
