namespace RpmKernel.Packaging.Tests.Support;

/// <summary>The files of the consumer app the packaging test writes outside the repository.</summary>
internal static class ConsumerFiles
{
    /// <summary>The 15 LaMP-2 tags; the fake model answers with one of them.</summary>
    public static readonly IReadOnlyList<string> Lamp2Tags =
    [
        "sci-fi", "based on a book", "comedy", "action", "twist ending", "dystopia", "dark comedy", "classic",
        "psychology", "fantasy", "romance", "thought-provoking", "social commentary", "violence", "true story",
    ];

    /// <summary>Adds the packed folder as a source; the machine's own sources stay (no <c>clear</c>).</summary>
    public static string NuGetConfig(string folder) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <add key="rpmkernel-under-test" value="{System.Security.SecurityElement.Escape(folder)}" />
          </packageSources>
        </configuration>
        """;

    public static string Project(string version) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <ImplicitUsings>enable</ImplicitUsings>
            <Nullable>enable</Nullable>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="RpmKernel.SemanticKernel" Version="{version}" />
            <PackageReference Include="Microsoft.Extensions.Configuration.EnvironmentVariables" Version="10.0.13" />
            <PackageReference Include="Microsoft.Extensions.DependencyInjection" Version="10.0.13" />
          </ItemGroup>
        </Project>
        """;

    /// <summary>What a new user writes: configuration from the environment, <c>AddRpm</c>, <c>IRpmPipeline</c>.</summary>
    public const string Program = """
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;
        using RpmKernel.Core.History;
        using RpmKernel.SemanticKernel.Hosting;
        using RpmKernel.SemanticKernel.Pipeline;

        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var services = new ServiceCollection();
        services.AddRpm(configuration);
        await using var provider = services.BuildServiceProvider();
        var pipeline = provider.GetRequiredService<IRpmPipeline>();

        HistoryItem[] history =
        [
            new("m1", "A clerk in a surveillance state rewrites history until she finds her own name erased.", "dystopia"),
            new("m2", "A funeral director fakes deaths for lonely clients so they can see who mourns them.", "dark comedy"),
            new("m3", "A television network stages a game show in which debtors hunt each other.", "social commentary"),
            new("m4", "A detective realises the murders he solves were staged for him by his own partner.", "twist ending"),
            new("m5", "An android learns to dream after its memories are wiped every night.", "sci-fi"),
            new("m6", "A walled city rations food by citizen score and exiles a baker who feeds the unscored.", "dystopia"),
        ];
        var ingest = await pipeline.IngestAsync("alice", "lamp2", history);
        Console.WriteLine($"items={ingest.Items}");
        Console.WriteLine($"failed={ingest.Failed.Count}");
        Console.WriteLine($"factors={ingest.Model?.Factors.Count ?? 0}");

        var answer = await pipeline.PersonalizeAsync("alice", "lamp2", "A records clerk finds a gap in her past and suspects the ministry erased her brother.");
        Console.WriteLine($"answer={answer.Answer}");
        Console.WriteLine($"generate={answer.PromptVersions["generate"]}");
        Console.WriteLine($"examples={answer.Examples.Count}");
        """;
}
