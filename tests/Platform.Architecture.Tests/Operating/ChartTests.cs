using System.Reflection;
using System.Text.Json;
using Xunit;

namespace Platform.Architecture.Tests.Operating;

/// <summary>
/// What can be checked of the chart without a cluster: lint, a render per example node, every
/// rendered object against the Kubernetes API schemas, bad values refused by the schema, and
/// every configuration key the chart sets being one the code reads.
/// </summary>
public sealed class ChartTests(ChartTools tools) : IClassFixture<ChartTools>
{
    public static TheoryData<string> Examples() => new("province", "city", "county");

    private string Chart => Path.Combine(tools.Root, "helm", "platform");

    private string Example(string name) => Path.Combine(Chart, "examples", name + ".yaml");

    private string Render(string example)
    {
        var rendered = tools.RunHelm(["template", "node", Chart, "-f", Example(example), "--namespace", "platform"]).Expect($"helm template ({example})");
        var file = Path.Combine(tools.Directory, $"rendered-{example}.yaml");
        File.WriteAllText(file, rendered.Output);
        return file;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Each_example_lints_renders_and_validates_against_the_kubernetes_schemas(string example)
    {
        tools.RunHelm(["lint", Chart, "-f", Example(example), "--strict"]).Expect($"helm lint ({example})");
        var file = Render(example);
        var validation = tools.Validate([file]);
        Assert.True(validation.ExitCode == 0, validation.Output + validation.Error);
        Assert.Contains(", 0 invalid", validation.Output);
        // Every process MACs its audit entries with the node's entry key.
        Assert.Contains("name: Audit__EntryKey", File.ReadAllText(file));
        foreach (var kind in new[] { "apps/v1/Deployment", "v1/Service", "batch/v1/Job", "v1/ConfigMap", "v1/ServiceAccount" })
        {
            Assert.Contains($"valid {kind} ", validation.Output);
        }
    }

    [Fact]
    public void The_province_renders_autoscaling_and_dapr_the_county_neither_and_both_their_federation_listeners()
    {
        var province = File.ReadAllText(Render("province"));
        Assert.Contains("kind: HorizontalPodAutoscaler", province);
        Assert.Contains("dapr.io/enabled: \"true\"", province);
        Assert.Contains("type: bindings.smtp", province);
        Assert.Contains("name: Federation__ListenUrl", province);
        // No example names the federation key's Secret: it exists only after the first start (docs/operations.md).
        Assert.DoesNotContain("platform-federation-key", province);
        Assert.Contains("helm.sh/hook: pre-install,pre-upgrade", province);
        Assert.Contains("--Database:MigrateOnly=true", province);
        // What a pod writes survives its restart: /data on a claim the replicas share (the audit anchor is there).
        Assert.Contains("value: /data/audit-anchor.json", province);
        Assert.Contains("claimName: node-gateway-data", province);
        Assert.Contains("claimName: node-notification-data", province);
        Assert.Contains("accessModes: [ReadWriteMany]", province);
        Assert.Contains("helm.sh/resource-policy: keep", province);

        var county = File.ReadAllText(Render("county"));
        Assert.DoesNotContain("kind: HorizontalPodAutoscaler", county);
        Assert.DoesNotContain("kind: PodDisruptionBudget", county);
        Assert.DoesNotContain("dapr.io", county);
        // The county's listener, its key on the gateway's volume (no Secret named), its parent allowed in.
        Assert.Contains("name: Federation__ListenUrl", county);
        Assert.DoesNotContain("Federation__KeyFile", county);
        Assert.Contains("cidr: \"10.20.0.0/16\"", county);
        Assert.Contains("claimName: node-gateway-data", county);
        // Credentials only by reference to Secrets.
        Assert.DoesNotContain("Password=secret", county, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Password=$(PG_PASSWORD)", county);
    }

    [Fact]
    public void The_gateways_stores_are_migrated_by_a_hook_job_like_the_services_and_the_console_is_wired()
    {
        var province = File.ReadAllText(RenderWith("province", ["--set", "federation.keySecret.name=platform-federation-key"]));
        var job = Objects(province).Single(o => o.Contains("name: node-migrate-gateway\n", StringComparison.Ordinal) && IsKind(o, "Job"));
        Assert.Contains("helm.sh/hook: pre-install,pre-upgrade", job);
        Assert.Contains("platform.gateway:", job);
        Assert.Contains("--Database:MigrateOnly=true", job);
        // The stores the gateway opens, with the same key files mounted as the gateway's Deployment.
        Assert.Contains("name: ConnectionStrings__federationdb", job);
        Assert.Contains("name: ConnectionStrings__consoledb", job);
        Assert.Contains("name: Federation__ListenUrl", job);
        Assert.Contains("secretName: platform-federation-key", job);
        Assert.Contains("secretName: platform-audit", job);
        Assert.Contains("name: Dapr__Enabled, value: \"false\"", job);

        var gateway = Objects(province).Single(o => IsKind(o, "Deployment") && o.Contains("name: node-gateway\n", StringComparison.Ordinal));
        Assert.Contains("name: Console__Enabled\n              value: \"true\"", gateway);
        Assert.Contains("name: ConnectionStrings__consoledb", gateway);
        Assert.Contains("name: Console__InitialOperatorPassword", gateway);
        Assert.Contains("name: platform-console", gateway);
        Assert.Contains("imagePullSecrets:", gateway);

        // A node with neither federation nor the console has no gateway store, and no gateway Job.
        var county = File.ReadAllText(RenderWith("county", ["--set", "federation.enabled=false"]));
        Assert.DoesNotContain("node-migrate-gateway", county);
    }

    [Fact]
    public void Extra_environment_and_placement_reach_every_process_and_job()
    {
        var rendered = File.ReadAllText(RenderWith("county",
        [
            "--set-json", "gateway.extraEnv=[{\"name\":\"Auth__PreviousSigningKeys__0__KeyFile\",\"value\":\"/etc/old.key\"}]",
            "--set-json", "services.planning.extraEnv=[{\"name\":\"Planning__Extra\",\"valueFrom\":{\"secretKeyRef\":{\"name\":\"s\",\"key\":\"k\"}}}]",
            "--set-json", "global.nodeSelector={\"zone\":\"gov\"}",
            "--set-json", "global.tolerations=[{\"key\":\"dedicated\",\"operator\":\"Exists\"}]",
        ]));
        var objects = Objects(rendered);
        var gateway = objects.Single(o => IsKind(o, "Deployment") && o.Contains("name: node-gateway\n", StringComparison.Ordinal));
        Assert.Contains("name: Auth__PreviousSigningKeys__0__KeyFile", gateway);
        Assert.Contains("name: Auth__PreviousSigningKeys__0__KeyFile", objects.Single(o => o.Contains("name: node-migrate-gateway\n", StringComparison.Ordinal)));
        var planning = objects.Where(o => o.Contains("name: node-planning\n", StringComparison.Ordinal) || o.Contains("name: node-migrate-planning\n", StringComparison.Ordinal))
            .Where(o => IsKind(o, "Deployment") || IsKind(o, "Job")).ToList();
        Assert.Equal(2, planning.Count);
        Assert.All(planning, o => Assert.Contains("name: Planning__Extra", o));
        Assert.All(objects.Where(o => IsKind(o, "Deployment") || IsKind(o, "Job")), o =>
        {
            Assert.Contains("zone: gov", o);
            Assert.Contains("key: dedicated", o);
        });
        var bad = tools.RunHelm(["template", "node", Chart, "-f", Example("county"), "--set-json", "gateway.extraEnv=[{\"name\":\"X\"}]"]);
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("/gateway/extraEnv/0", bad.Error);
    }

    [Fact]
    public void Federating_gateway_replicas_need_one_shared_identity()
    {
        // Two replicas, each creating its own key file on a claim only one can mount: refused, naming the field.
        var bad = tools.RunHelm(["template", "node", Chart, "-f", Example("county"), "--set", "gateway.replicas=2"]);
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("/persistence/accessMode", bad.Error);
        Assert.Contains("ReadWriteMany", bad.Error);
        tools.RunHelm(["template", "node", Chart, "-f", Example("county"), "--set", "gateway.replicas=2", "--set", "persistence.accessMode=ReadWriteMany"]).Expect("two replicas on a shared claim");
        tools.RunHelm(["template", "node", Chart, "-f", Example("county"), "--set", "gateway.replicas=2", "--set", "federation.keySecret.name=platform-federation-key"]).Expect("two replicas with the key from a Secret");
    }

    [Fact]
    public void Console_replicas_share_one_issuer_key_from_a_secret_and_nothing_runs_in_development()
    {
        // Three replicas with the console and no issuer key: refused, naming the field.
        var bad = tools.RunHelm(["template", "node", Chart, "-f", Example("province"), "--set", "console.issuerKeySecret.name="]);
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("/console/issuerKeySecret/name", bad.Error);
        tools.RunHelm(["template", "node", Chart, "-f", Example("province"), "--set", "console.issuerKeySecret.name=", "--set", "gateway.replicas=1",
            "--set", "gateway.autoscaling.enabled=false"]).Expect("one replica makes its own issuer key");

        // The Secret is mounted read-only into every replica and the migration Job, and no replica makes keys of its own.
        var objects = Objects(File.ReadAllText(Render("province")));
        var gateway = objects.Single(o => IsKind(o, "Deployment") && o.Contains("name: node-gateway\n", StringComparison.Ordinal));
        var job = objects.Single(o => IsKind(o, "Job") && o.Contains("name: node-migrate-gateway\n", StringComparison.Ordinal));
        foreach (var pod in new[] { gateway, job })
        {
            Assert.Contains("name: Console__IssuerKeyFile", pod);
            Assert.Contains("value: /etc/platform/console/oidc-issuer.pem", pod);
            Assert.Contains("name: Console__CreateIssuerKeyFileIfMissing", pod);
            Assert.Contains("secretName: platform-console-issuer", pod);
            Assert.Contains("mountPath: /etc/platform/console", pod);
        }

        // Development (and its tokens) cannot be switched on through extraEnv, in the gateway or a service.
        foreach (var name in new[] { "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "Auth__DevelopmentTokens" })
        {
            var development = tools.RunHelm(["template", "node", Chart, "-f", Example("county"), "--set-json", $"gateway.extraEnv=[{{\"name\":\"{name}\",\"value\":\"Development\"}}]"]);
            Assert.NotEqual(0, development.ExitCode);
            Assert.Contains("/gateway/extraEnv/0/name", development.Error);
        }
        var service = tools.RunHelm(["template", "node", Chart, "-f", Example("county"), "--set-json", "services.planning.extraEnv=[{\"name\":\"Auth__DevelopmentTokens\",\"value\":\"true\"}]"]);
        Assert.NotEqual(0, service.ExitCode);
        Assert.Contains("/services/planning/extraEnv/0/name", service.Error);
        Assert.All(objects.Where(o => IsKind(o, "ConfigMap") && o.Contains("ASPNETCORE_ENVIRONMENT", StringComparison.Ordinal)),
            o => Assert.Contains("ASPNETCORE_ENVIRONMENT: Production", o));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_secret_an_example_names_is_created_by_the_docs_before_the_install(string example)
    {
        var rendered = File.ReadAllText(Render(example));
        var named = System.Text.RegularExpressions.Regex.Matches(rendered, @"secretKeyRef:\s*\{?\s*(?:key: \S+\s+)?name: ([\w.-]+)")
            .Concat(System.Text.RegularExpressions.Regex.Matches(rendered, @"secretName: ([\w.-]+)"))
            .Concat(System.Text.RegularExpressions.Regex.Matches(rendered, @"imagePullSecrets:\s*- name: ([\w.-]+)"))
            .Concat(System.Text.RegularExpressions.Regex.Matches(rendered, @"Dapr__Secrets__\d+: ""([\w.-]+)"""))
            .Select(m => m.Groups[1].Value.TrimEnd(',')).ToHashSet();
        Assert.NotEmpty(named);
        var docs = File.ReadAllText(Path.Combine(tools.Root, "docs", "operations.md"));
        var beforeInstall = docs[..docs.IndexOf("\n## Install", StringComparison.Ordinal)];
        var created = System.Text.RegularExpressions.Regex.Matches(beforeInstall, @"create secret (?:generic|tls|docker-registry) ([\w.-]+)").Select(m => m.Groups[1].Value).ToHashSet();
        var missing = named.Where(n => !created.Contains(n)).Order().ToList();
        Assert.True(missing.Count == 0, $"{example} names Secrets the docs do not create before the install: {string.Join(", ", missing)}");
    }

    [Fact]
    public void The_trial_overlay_connects_without_tls_to_the_trial_postgresql_and_production_asks_for_it()
    {
        var trial = tools.RunHelm(["template", "node", Chart, "-f", Example("county"), "-f", Example("trial"), "--namespace", "platform"]).Expect("county on the trial cluster").Output;
        Assert.Contains("Host=pg.platform-data.svc;", trial);
        Assert.Contains("SSL Mode=Disable", trial);
        Assert.DoesNotContain("SSL Mode=Require", trial);
        var manifests = File.ReadAllText(Path.Combine(tools.Root, "k8s", "trial-dependencies.yaml"));
        Assert.Contains("kind: Service\nmetadata: { name: pg, namespace: platform-data }", manifests);
        Assert.DoesNotContain("ssl=on", manifests);
        Assert.Contains("SSL Mode=Require", File.ReadAllText(Render("county")));
        Assert.Contains("examples/trial.yaml", File.ReadAllText(Path.Combine(tools.Root, "docs", "operations.md")));
    }

    [Fact]
    public void The_federation_service_keeps_the_peers_address_and_the_parent_is_no_value()
    {
        var county = File.ReadAllText(Render("county"));
        var service = Objects(county).Single(o => IsKind(o, "Service") && o.Contains("name: node-federation\n", StringComparison.Ordinal));
        Assert.Contains("externalTrafficPolicy: Local", service);
        // node.parent was read by nothing: the link to the parent is made by enrolment.
        var parent = tools.RunHelm(["template", "node", Chart, "-f", Example("county"), "--set", "node.parent.id=nt-city"]);
        Assert.NotEqual(0, parent.ExitCode);
        Assert.Contains("'parent' not allowed", parent.Error);
    }

    private string RenderWith(string example, string[] extra)
    {
        var rendered = tools.RunHelm(["template", "node", Chart, "-f", Example(example), "--namespace", "platform", .. extra]).Expect($"helm template ({example} {string.Join(' ', extra)})");
        var file = Path.Combine(tools.Directory, $"rendered-{example}-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, rendered.Output);
        return file;
    }

    private static bool IsKind(string rendered, string kind) => rendered.Contains($"\nkind: {kind}\n", StringComparison.Ordinal);

    private static List<string> Objects(string rendered) => rendered.Split("\n---", StringSplitOptions.RemoveEmptyEntries).ToList();

    [Fact]
    public void Bad_values_fail_the_render_naming_each_field()
    {
        var bad = tools.RunHelm(["template", "node", Chart, "-f", Example("bad-region")]);
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("/node/regionCode", bad.Error);
        Assert.Contains("/node/level", bad.Error);
        Assert.Contains("'password' not allowed", bad.Error);
        Assert.Contains("/federation/publicAddress", bad.Error);
    }

    [Fact]
    public void The_cluster_prerequisites_validate_against_the_kubernetes_schemas()
    {
        var files = Directory.GetFiles(Path.Combine(tools.Root, "k8s"), "*.yaml");
        Assert.NotEmpty(files);
        var validation = tools.Validate(files);
        Assert.True(validation.ExitCode == 0, validation.Output + validation.Error);
        Assert.Contains("valid networking.k8s.io/v1/NetworkPolicy services-from-gateway-and-each-other", validation.Output);
    }

    [Fact]
    public void With_dapr_on_the_components_and_sidecars_are_the_ones_the_code_calls()
    {
        var lines = tools.Validate(["--dapr", Render("province")]).Expect("dapr wiring").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var components = lines.Where(l => l.StartsWith("component ", StringComparison.Ordinal)).Select(l => l.Split(' ')).ToDictionary(p => p[1], p => (Type: p[2], Scopes: p[3]));
        var config = lines.Where(l => l.StartsWith("config ", StringComparison.Ordinal)).Select(l => l.Split(' ', 3)).ToDictionary(p => p[1], p => p[2]);
        var apps = lines.Where(l => l.StartsWith("app ", StringComparison.Ordinal)).Select(l => l.Split(' ')).ToList();

        // Every process of the node has a sidecar (each reads Dapr:Secrets), with its own app id, pointed at its HTTP port.
        Assert.Equal(["node-assessment", "node-gateway", "node-inspection", "node-notification", "node-planning", "node-rectification"], apps.Select(a => a[1]).Order());
        Assert.All(apps, a => Assert.Equal((a[1], a[4]), (a[2], a[3])));

        // The binding names notification calls are components of the right kind, scoped to notification's app id.
        Assert.Equal("true", config["Dapr__Enabled"]);
        var sms = components[config["Dapr__SmsBinding"]];
        Assert.StartsWith("bindings.", sms.Type, StringComparison.Ordinal);
        Assert.Equal("node-notification", sms.Scopes);
        var email = components[config["Dapr__EmailBinding"]];
        Assert.Equal(("bindings.smtp", "node-notification"), email);
        // The secret store the processes read from is a component, and the secrets they read are listed.
        Assert.StartsWith("secretstores.", components[config["Dapr__SecretStore"]].Type, StringComparison.Ordinal);
        Assert.Equal("platform-node-secrets", config["Dapr__Secrets__0"]);

        // The code reads those keys, and its defaults are the chart's.
        var known = CodeKeys.Read(tools.Root);
        Assert.All(config.Keys, k => Assert.True(known.Accepts(k), $"no code reads {k}"));
        var defaults = new Platform.Notification.Module.DaprBindingOptions();
        var values = File.ReadAllText(Path.Combine(Chart, "values.yaml"));
        Assert.Contains($"    bindingName: {defaults.SmsBinding}\n", values);
        var sidecar = new Platform.ServiceDefaults.Dapr.DaprSidecarOptions();
        // The sidecar's default ports, which the chart leaves to the injector.
        Assert.Equal((3500, 50001), (sidecar.HttpPort, sidecar.GrpcPort));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_key_the_chart_sets_is_one_the_code_reads(string example)
    {
        var lines = tools.Validate(["--config-keys", Render(example)]).Expect("config keys").Output
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var keys = lines.Where(l => l.StartsWith("key ", StringComparison.Ordinal)).Select(l => l[4..]).ToHashSet();
        var used = lines.Where(l => l.StartsWith("uses ", StringComparison.Ordinal)).Select(l => l[5..]).ToHashSet();
        Assert.NotEmpty(keys);
        var known = CodeKeys.Read(tools.Root);
        var unknown = keys.Where(k => !known.Accepts(k) && !used.Contains(k)).Order().ToList();
        Assert.True(unknown.Count == 0, "the chart sets keys no code reads: " + string.Join(", ", unknown));
        // Helper variables exist only to be expanded into another value.
        Assert.All(used, u => Assert.Contains(u, keys));
    }
}

/// <summary>The configuration keys the services and the gateway read, from the code itself.</summary>
internal sealed class CodeKeys
{
    private readonly HashSet<string> _keys = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _clusters = new(StringComparer.Ordinal);

    /// <summary>Keys the framework reads: the environment, Kestrel's listeners, the OTLP exporter.</summary>
    private static readonly string[] FrameworkKeys = ["ASPNETCORE_ENVIRONMENT", "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_SERVICE_NAME"];

    private static readonly string[] KestrelEndpointKeys = ["Url", "Protocols", "Certificate__Path", "Certificate__KeyPath", "Certificate__Password"];

    public static CodeKeys Read(string root)
    {
        var result = new CodeKeys();
        var assemblies = new[]
        {
            typeof(Platform.BuildingBlocks.Auth.AuthOptions).Assembly,
            typeof(Platform.ServiceDefaults.Dapr.DaprSidecarOptions).Assembly,
            typeof(Platform.Planning.Module.Infrastructure.PlanningDbContext).Assembly,
            typeof(Platform.Inspection.Module.Infrastructure.InspectionDbContext).Assembly,
            typeof(Platform.Rectification.Module.Infrastructure.RectificationDbContext).Assembly,
            typeof(Platform.Assessment.Module.Infrastructure.AssessmentDbContext).Assembly,
            typeof(Platform.Notification.Module.Infrastructure.NotificationDbContext).Assembly,
            typeof(Platform.WebConsole.ConsoleOptions).Assembly,
        };
        foreach (var type in assemblies.SelectMany(a => a.GetTypes()))
        {
            var fields = type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static);
            if (fields.FirstOrDefault(f => f is { IsLiteral: true, Name: "SectionName" }) is { } section)
            {
                result.AddProperties(((string)section.GetRawConstantValue()!).Replace(":", "__", StringComparison.Ordinal), type, 0);
            }
            foreach (var connection in fields.Where(f => f.IsLiteral && f.FieldType == typeof(string) && f.Name == "ConnectionName"))
            {
                result._keys.Add("ConnectionStrings__" + (string)connection.GetRawConstantValue()!);
            }
            // A key read straight from IConfiguration is named by a ConfigurationKey constant beside its reader.
            foreach (var direct in fields.Where(f => f.IsLiteral && f.FieldType == typeof(string) && f.Name == "ConfigurationKey"))
            {
                result._keys.Add(((string)direct.GetRawConstantValue()!).Replace(":", "__", StringComparison.Ordinal));
            }
        }
        // Stores registered by a literal name in the hosting code (the gateway's federation and console stores).
        foreach (var file in new[] { "shared", "gateway", Path.Combine("services", "Platform.Console") }.SelectMany(d => Directory.EnumerateFiles(Path.Combine(root, d), "*.cs", SearchOption.AllDirectories)).Where(f => !f.Contains("/obj/", StringComparison.Ordinal)))
        {
            foreach (System.Text.RegularExpressions.Match match in System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(file), @"AddPlatform(?:DbContext|Store)<[^>]+>\(""([a-z]+db)""\)"))
            {
                result._keys.Add("ConnectionStrings__" + match.Groups[1].Value);
            }
        }
        using var gateway = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "gateway", "Platform.Gateway", "appsettings.json")));
        foreach (var cluster in gateway.RootElement.GetProperty("ReverseProxy").GetProperty("Clusters").EnumerateObject())
        {
            result._clusters.Add(cluster.Name);
        }
        result._keys.UnionWith(FrameworkKeys);
        return result;
    }

    public bool Accepts(string key)
    {
        if (_keys.Contains(key))
        {
            return true;
        }
        var parts = key.Split("__");
        if (parts is ["Kestrel", "Endpoints", _, ..] && KestrelEndpointKeys.Contains(string.Join("__", parts[3..])))
        {
            return true;
        }
        return parts is ["ReverseProxy", "Clusters", var cluster, "Destinations", "primary", "Address"] && _clusters.Contains(cluster);
    }

    private void AddProperties(string prefix, Type type, int depth)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite || IsComplex(p.PropertyType)))
        {
            var key = prefix + "__" + property.Name;
            _keys.Add(key);
            var element = property.PropertyType.IsGenericType && property.PropertyType.GetGenericTypeDefinition() == typeof(List<>)
                ? property.PropertyType.GetGenericArguments()[0]
                : null;
            if (element is not null && !IsComplex(element))
            {
                // A list of values: Dapr__Secrets__0.
                for (var i = 0; i < 10; i++)
                {
                    _keys.Add($"{key}__{i}");
                }
            }
            else if (depth < 3 && element is not null && IsComplex(element))
            {
                for (var i = 0; i < 10; i++)
                {
                    AddProperties($"{key}__{i}", element, depth + 1);
                }
            }
            else if (depth < 3 && IsComplex(property.PropertyType))
            {
                AddProperties(key, property.PropertyType, depth + 1);
            }
        }
    }

    private static bool IsComplex(Type type) =>
        type.IsClass && type != typeof(string) && !type.IsArray && !type.IsGenericType && type.Namespace?.StartsWith("Platform", StringComparison.Ordinal) == true;
}
