using System.Globalization;
using System.Net;
using System.Reflection;
using ChatTriageBot.CodeContext;
using ChatTriageBot.Slack;
using ChatTriageBot.Tests.Infrastructure;
using ChatTriageBot.Tests.Slack;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using YamlDotNet.RepresentationModel;

namespace ChatTriageBot.Tests.Hosting;

/// <summary>
/// The Kubernetes manifests an operator deploys from (<c>manifests/kubernetes</c>), parsed as Kubernetes reads them:
/// every environment variable they set is a setting the bot binds, the probes hit routes the real app answers, and the
/// pod is given at least the time the bot takes to stop.
/// </summary>
public sealed class KubernetesManifestTests
{
    /// <summary>Settings the host reads itself rather than an options class of the bot.</summary>
    private static readonly string[] HostSettings = ["ASPNETCORE_HTTP_PORTS", "ASPNETCORE_URLS", "Logging__LogLevel__"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void EveryEnvironmentVariable_TheManifestsSet_IsASettingTheBotReads()
    {
        var variables = EnvironmentVariables();

        Assert.Contains("Storage__Provider", variables.Keys);
        Assert.Contains("Storage__ConnectionString", variables.Keys);
        Assert.Contains("Slack__SigningSecret", variables.Keys);
        Assert.All(variables, variable => Assert.True(IsSettingTheBotReads(variable.Key, variable.Value), $"{variable.Key} is not a setting the bot reads"));
        Assert.Equal("Postgres", variables["Storage__Provider"]);
    }

    [Theory]
    [InlineData("Storage__Provder")]
    [InlineData("Repos__0__Nmae")]
    [InlineData("Jobs__Worker")]
    [InlineData("Slak__BotToken")]
    [InlineData("Access__GenerateFixes__0")]
    public void TheCheck_RefusesAMisspelledSetting(string key) => Assert.False(IsSettingTheBotReads(key, "1"));

    [Fact]
    public void TheCheck_RefusesAValueTheSettingCannotHold() => Assert.False(IsSettingTheBotReads("Jobs__Workers", "two"));

    [Fact]
    public async Task TheProbes_HitRoutesTheBotAnswers_OnThePortItListensOn()
    {
        var container = Container();
        var probes = new[] { "startupProbe", "livenessProbe", "readinessProbe" }.ToDictionary(p => p, p => Scalar(container, p, "httpGet", "path"));
        await using var app = await new AppFixture().StartAsync();
        using var client = app.CreateClient();

        Assert.Equal("/healthz", probes["livenessProbe"]);
        Assert.Equal("/readyz", probes["readinessProbe"]);
        foreach (var (probe, path) in probes)
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{probe} {path}: {response.StatusCode}");
            Assert.Equal("http", Scalar(container, probe, "httpGet", "port"));
        }

        var port = Assert.Single(Sequence(container, "ports").Cast<YamlMappingNode>());
        Assert.Equal(("http", "8080"), (Scalar(port, "name"), Scalar(port, "containerPort")));
        Assert.Contains("ASPNETCORE_HTTP_PORTS=8080", await File.ReadAllTextAsync(SourceTree.Combine("Dockerfile"), Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePod_IsGivenTheTimeTheBotTakesToStop_AfterItsPreStopPause()
    {
        var spec = PodSpec();
        var container = Container();
        var grace = int.Parse(Scalar(spec, "terminationGracePeriodSeconds"), CultureInfo.InvariantCulture);
        var preStop = Sequence(container, "lifecycle", "preStop", "exec", "command").Cast<YamlScalarNode>().Select(n => n.Value!).ToList();
        await using var app = await new AppFixture().StartAsync();
        var shutdown = app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout;

        Assert.Equal("sleep", preStop[0]);
        Assert.True(
            grace >= int.Parse(preStop[1], CultureInfo.InvariantCulture) + shutdown.TotalSeconds,
            $"terminationGracePeriodSeconds {grace} is shorter than the pre-stop pause ({preStop[1]} s) and the bot's shutdown ({shutdown.TotalSeconds} s)");
    }

    [Fact]
    public void TheDeployment_RunsTwoReplicas_NonRoot_OnAReadOnlyRoot_WithOnlyDataAndTmpWritable_AndTheBudgetKeepsOne()
    {
        var deployment = Document("Deployment");
        var container = Container();

        Assert.Equal("2", Scalar(deployment, "spec", "replicas"));
        Assert.Equal("true", Scalar(PodSpec(), "securityContext", "runAsNonRoot"));
        Assert.Equal("true", Scalar(container, "securityContext", "readOnlyRootFilesystem"));
        Assert.Equal(
            ["/data", "/tmp"],
            Sequence(container, "volumeMounts").Cast<YamlMappingNode>().Select(m => Scalar(m, "mountPath")).Order(StringComparer.Ordinal));
        Assert.Equal("1", Scalar(Document("PodDisruptionBudget"), "spec", "minAvailable"));
        Assert.Equal("http", Scalar((YamlMappingNode)Sequence(Document("Service"), "spec", "ports")[0], "targetPort"));
        Assert.True(Mebibytes(Scalar(container, "resources", "requests", "memory")) <= Mebibytes(Scalar(container, "resources", "limits", "memory")));
    }

    /// <summary>
    /// True when <paramref name="key"/> (<c>Section__Key</c>) binds to a property of one of the bot's options classes
    /// (those with a <c>Section</c> constant) and <paramref name="value"/> fits it, or is a setting of the host itself.
    /// </summary>
    private static bool IsSettingTheBotReads(string key, string value)
    {
        if (HostSettings.Any(setting => setting.EndsWith("__", StringComparison.Ordinal) ? key.StartsWith(setting, StringComparison.Ordinal) : key == setting))
        {
            return true;
        }

        var parts = key.Split("__");
        var section = parts[0];
        if (section == AccessOptions.Section && (parts.Length != 3 || !Permissions().Contains(parts[1])))
        {
            return false;
        }

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new KeyValuePair<string, string?>(key.Replace("__", ":", StringComparison.Ordinal), value)])
            .Build()
            .GetSection(section);
        return OptionTypes().Where(t => t.Section == section).Any(t => Binds(t.Type, configuration));
    }

    private static bool Binds(Type type, IConfiguration configuration)
    {
        try
        {
            var instance = Activator.CreateInstance(type, nonPublic: true)!;
            object target = instance switch
            {
                ReposOptions repos => repos.Items,
                AccessOptions access => access.Permissions,
                _ => instance,
            };
            configuration.Bind(target, options => options.ErrorOnUnknownConfiguration = true);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static IEnumerable<(string Section, Type Type)> OptionTypes() =>
        typeof(ReposOptions).Assembly.GetTypes()
            .Select(t => (Type: t, Field: t.GetField("Section", BindingFlags.Public | BindingFlags.Static)))
            .Where(t => t.Field is { IsLiteral: true } && t.Field.FieldType == typeof(string))
            .Select(t => ((string)t.Field!.GetRawConstantValue()!, t.Type));

    /// <summary>The permissions the bot asks <c>Access__{Permission}__N</c> about (its <c>...Permission</c> constants).</summary>
    private static HashSet<string> Permissions() =>
        [.. typeof(ReposOptions).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .Where(f => f.IsLiteral && f.FieldType == typeof(string) && f.Name.EndsWith("Permission", StringComparison.Ordinal))
            .Select(f => (string)f.GetRawConstantValue()!)];

    /// <summary>The variables the Deployment's container gets: its own <c>env</c> and every key of the ConfigMaps and Secrets it takes whole.</summary>
    private static Dictionary<string, string> EnvironmentVariables()
    {
        var container = Container();
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Optional(container, "env") is YamlSequenceNode env)
        {
            foreach (var item in env.Cast<YamlMappingNode>())
            {
                variables[Scalar(item, "name")] = Optional(item, "value") is YamlScalarNode v ? v.Value! : string.Empty;
            }
        }

        foreach (var source in Sequence(container, "envFrom").Cast<YamlMappingNode>())
        {
            var (kind, reference, field) = Optional(source, "configMapRef") is YamlMappingNode map
                ? ("ConfigMap", map, "data")
                : ("Secret", (YamlMappingNode)source.Children[new YamlScalarNode("secretRef")], "stringData");
            var document = Documents().Single(d => Scalar(d, "kind") == kind && Scalar(d, "metadata", "name") == Scalar(reference, "name"));
            foreach (var (name, value) in (YamlMappingNode)document.Children[new YamlScalarNode(field)])
            {
                variables[((YamlScalarNode)name).Value!] = ((YamlScalarNode)value).Value!;
            }
        }

        return variables;
    }

    private static List<YamlMappingNode> Documents()
    {
        var documents = new List<YamlMappingNode>();
        foreach (var file in Directory.GetFiles(SourceTree.Combine("manifests", "kubernetes"), "*.yaml").Order(StringComparer.Ordinal))
        {
            var stream = new YamlStream();
            using var reader = new StreamReader(file);
            stream.Load(reader);
            documents.AddRange(stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>().Where(d => Optional(d, "kind") is not null));
        }

        return documents;
    }

    private static YamlMappingNode Document(string kind) => Assert.Single(Documents(), d => Scalar(d, "kind") == kind);

    private static YamlMappingNode PodSpec() => (YamlMappingNode)Node(Document("Deployment"), "spec", "template", "spec");

    private static YamlMappingNode Container() => (YamlMappingNode)Assert.Single(Sequence(PodSpec(), "containers"));

    private static YamlNode Node(YamlMappingNode root, params string[] path)
    {
        YamlNode current = root;
        foreach (var key in path)
        {
            current = Optional((YamlMappingNode)current, key) ?? throw new InvalidOperationException($"missing '{string.Join('.', path)}'");
        }

        return current;
    }

    private static YamlNode? Optional(YamlMappingNode node, string key) => node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string Scalar(YamlMappingNode root, params string[] path) => ((YamlScalarNode)Node(root, path)).Value!;

    private static YamlSequenceNode Sequence(YamlMappingNode root, params string[] path) => (YamlSequenceNode)Node(root, path);

    private static int Mebibytes(string quantity) =>
        quantity.EndsWith("Gi", StringComparison.Ordinal) ? int.Parse(quantity[..^2], CultureInfo.InvariantCulture) * 1024 : int.Parse(quantity.TrimEnd('M', 'i'), CultureInfo.InvariantCulture);
}
