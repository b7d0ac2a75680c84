using System.Text.Json.Nodes;
using RpmKernel.SemanticKernel.Prompts;

namespace RpmKernel.SemanticKernel.Tests.Prompts;

public sealed class StrictSchemaCheckerTests
{
    private static JsonObject Schema(string json) => JsonNode.Parse(json)!.AsObject();

    [Fact]
    public void Accepts_a_closed_object_with_every_property_required()
    {
        Assert.Null(StrictSchemaChecker.FindProblem(Schema(
            """{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"array","items":{"type":"integer"}}},"required":["a","b"],"additionalProperties":false}""")));
    }

    [Theory]
    [InlineData("""{"type":"object","properties":{"a":{"type":"string"}},"required":["a"]}""", "$ must set additionalProperties: false")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"string"}},"required":[],"additionalProperties":false}""", "$.a is not listed in 'required'")]
    [InlineData("""{"type":"object","properties":{"a":{"description":"x"}},"required":["a"],"additionalProperties":false}""", "$.a has no 'type'")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"array"}},"required":["a"],"additionalProperties":false}""", "$.a is an array without 'items'")]
    [InlineData("""{"type":"string"}""", "the root must be an object schema")]
    public void Names_the_first_problem_with_its_path(string json, string expected)
    {
        Assert.StartsWith(expected, StrictSchemaChecker.FindProblem(Schema(json)), StringComparison.Ordinal);
    }
}
