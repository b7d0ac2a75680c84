using RpmKernel.Core.Text;

namespace RpmKernel.Core.Tests.Text;

public sealed class SecretRedactorTests
{
    [Theory]
    [InlineData("Authorization: Bearer abc.def-ghi", "Authorization: Bearer ***")]
    [InlineData("{\"api-key\": \"q-123456\"}", "{\"api-key\": \"***\"}")]
    [InlineData("header api_key=zzzz9999; next", "header api_key=***; next")]
    [InlineData("sent Bearer tok_0123456789 to the server", "sent Bearer *** to the server")]
    [InlineData("Incorrect API key provided: sk-proj-ABCDEFGHijklmnop1234.", "Incorrect API key provided: ***.")]
    [InlineData("The chat model endpoint refused the API key; set OPENAI_API_KEY or Rpm:Chat:ApiKey to a valid key.", "The chat model endpoint refused the API key; set OPENAI_API_KEY or Rpm:Chat:ApiKey to a valid key.")]
    public void Credential_values_are_masked_even_when_not_registered(string text, string expected) =>
        Assert.Equal(expected, new SecretRedactor().Redact(text));

    [Fact]
    public void Registered_secrets_are_masked_longest_first_and_short_values_are_ignored()
    {
        var redactor = new SecretRedactor();
        redactor.Add("key-1234");
        redactor.Add("key-1234-extended");
        redactor.Add("abc");

        Assert.Equal("a *** and *** and abc", redactor.Redact("a key-1234-extended and key-1234 and abc"));
    }

    [Fact]
    public void A_secret_split_across_writes_of_one_line_is_still_masked()
    {
        var redactor = new SecretRedactor();
        redactor.Add("my-secret-value");
        var inner = new StringWriter();
        using (var writer = new RedactingTextWriter(inner, redactor))
        {
            writer.Write("first my-sec");
            writer.Write("ret-value end");
            writer.WriteLine();
            writer.Write("tail my-secret-value");
        }

        Assert.Equal("first *** end" + Environment.NewLine + "tail ***", inner.ToString());
    }
}
