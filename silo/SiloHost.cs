using Actors.Abstractions.Security;
using Actors.Gateway;
using Actors.Gateway.Security;
using Actors.Grains;
using Actors.Storage.Postgres;
using Actors.Storage.Sqlite;
using Orleans.Dashboard;

namespace Actors.Silo;

/// <summary>
/// Builds the silo: one process hosting the Orleans silo (the grains and their journal) and the ASP.NET Core gateway
/// in front of it. With no settings it is one silo on the embedded SQLite journal.
/// </summary>
public static class SiloHost
{
    /// <summary>Where the silo listens when neither <c>--urls</c> nor <c>ASPNETCORE_URLS</c> says otherwise.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>The embedded store's file, relative to the working directory, unless <c>Actors:Sqlite:Path</c> says otherwise.</summary>
    public const string DefaultSqliteFile = "actors.db";

    /// <summary>The embedded store's archive directory, beside its file, unless <c>Actors:History:ArchivePath</c> says otherwise.</summary>
    public const string DefaultArchiveDirectory = "archive";

    /// <summary>Orleans' silo-to-silo port when <c>Orleans:Endpoints:SiloPort</c> is not set.</summary>
    public const int DefaultSiloPort = 11111;

    /// <summary>Orleans' client gateway port when <c>Orleans:Endpoints:GatewayPort</c> is not set.</summary>
    public const int DefaultGatewayPort = 30000;

    /// <summary>Where the Orleans Dashboard is served, to callers with <c>actors/*:admin</c>.</summary>
    public const string DashboardPath = "/dashboard";

    /// <summary>Builds a silo from command-line arguments; <paramref name="configure"/> lets tests add configuration.</summary>
    /// <exception cref="SiloConfigurationException">The configuration is unsafe or incomplete; the message says why.</exception>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // The settings beside the silo's assembly are read wherever the process is started from.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var postgres = builder.Configuration.GetConnectionString("Postgres");
        var store = string.IsNullOrWhiteSpace(postgres) ? "sqlite" : "postgres";
        if (store == "postgres")
        {
            builder.Services.AddPostgresJournal(PostgresConnectionDefaults.Apply(postgres!));
            builder.Services.AddOptions<PostgresJournalOptions>().BindConfiguration("Actors:Postgres")
                .Validate(o => o.GroupConnections > 0 && o.MaxGroupSize > 0, "Actors:Postgres:GroupConnections and MaxGroupSize must be positive.")
                .ValidateOnStart();
        }
        else
        {
            var path = builder.Configuration["Actors:Sqlite:Path"] ?? Path.Combine(Directory.GetCurrentDirectory(), DefaultSqliteFile);
            builder.Services.AddSqliteJournal(path);

            // One machine: its archive tier beside the journal's file, so a compaction archives (history stays readable)
            // rather than prunes unless told to. A cluster on PostgreSQL needs storage every silo shares, so it sets its own.
            if (string.IsNullOrWhiteSpace(builder.Configuration["Actors:History:ArchivePath"]))
            {
                builder.Configuration["Actors:History:ArchivePath"] = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, DefaultArchiveDirectory);
            }
        }

        var useDevelopmentTokens = ConfigureTokens(builder, store);
        var dashboard = builder.Configuration.GetValue("Actors:Dashboard:Enabled", true);
        builder.UseOrleans(silo => ConfigureSilo(silo, builder.Configuration, store, dashboard));

        builder.Services.AddActorsGateway();
        builder.Services.Configure<ProblemDetailsOptions>(o => o.CustomizeProblemDetails = Actors.Gateway.Http.StatusProblems.Customize);
        var exporting = builder.AddTelemetry();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;

            // Headers or bodies trickled in to hold a connection open are cut off (408 or a closed connection). The body size
            // stays Kestrel's (30 MB) on purpose: the gateway refuses bodies above MaxBodyBytes with a 413 problem, and
            // Kestrel can then drain the rest and keep the connection; at the same limit it would close the connection instead.
            var limits = builder.Configuration.GetSection("Actors:Gateway").Get<Actors.Gateway.GatewayOptions>() ?? new Actors.Gateway.GatewayOptions();
            kestrel.Limits.RequestHeadersTimeout = limits.RequestHeadersTimeout;
            kestrel.Limits.MinRequestBodyDataRate = new Microsoft.AspNetCore.Server.Kestrel.Core.MinDataRate(limits.MinBodyBytesPerSecond, limits.BodyGracePeriod);

            // Kestrel refuses a request line or headers past its limits with an empty body, and no application can change
            // that: its limits are twice the gateway's, so between the two the gateway answers with a problem instead.
            kestrel.Limits.MaxRequestLineSize = Actors.Gateway.GatewayOptions.KestrelLimit(limits.MaxUrlLength + 32);
            kestrel.Limits.MaxRequestHeadersTotalSize = Actors.Gateway.GatewayOptions.KestrelLimit(limits.MaxHeaderBytes);
            kestrel.Limits.MaxRequestHeaderCount = Actors.Gateway.GatewayOptions.KestrelLimit(limits.MaxHeaderCount);
        });

        var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Actors.Silo");
        if (exporting)
        {
            logger.LogInformation("Exporting telemetry over OTLP as the OTEL_EXPORTER_OTLP_* settings say");
        }

        logger.LogInformation("Journal store: {Store}", store == "postgres" ? "PostgreSQL" : $"SQLite ({builder.Configuration["Actors:Sqlite:Path"] ?? DefaultSqliteFile})");
        if (useDevelopmentTokens)
        {
            logger.LogWarning("No tokens are configured (Actors:Auth:Tokens, Actors:Auth:Jwt): accepting the development tokens dev-admin, dev-support and dev-reader. Configure real tokens before exposing this silo.");
        }

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseActorsGateway();
        app.MapActorsGateway();
        if (dashboard)
        {
            // The operators' view of the cluster; not part of the API, so not in its OpenAPI description.
            app.MapOrleansDashboard(DashboardPath).RequireAuthorization(ActorsAuthentication.AdminPolicy).ExcludeFromDescription();
        }

        return app;
    }

    private static void ConfigureSilo(ISiloBuilder silo, IConfiguration configuration, string store, bool dashboard)
    {
        // Orleans reads its standard "Orleans" section itself (ClusterId, ServiceId, Endpoints, Clustering, Messaging);
        // a clustering provider named there wins. Otherwise: on PostgreSQL, every silo on the same database (and
        // Orleans:ClusterId) joins one cluster whose membership lives beside the journal, each silo listening on its
        // Orleans:Endpoints (Orleans' defaults 11111 and 30000 on this machine's address otherwise). On the embedded SQLite
        // file, which no other machine can share, the silo is a cluster of one on this machine's loopback.
        if (!configuration.GetSection("Orleans:Clustering").Exists())
        {
            if (store == "postgres")
            {
                silo.UsePostgresClustering();
            }
            else
            {
                silo.UseLocalhostClustering(
                    siloPort: configuration.GetValue("Orleans:Endpoints:SiloPort", DefaultSiloPort),
                    gatewayPort: configuration.GetValue("Orleans:Endpoints:GatewayPort", DefaultGatewayPort));
            }
        }

        silo.AddActors();
        if (dashboard)
        {
            silo.AddDashboard();
        }
    }

    private static bool ConfigureTokens(WebApplicationBuilder builder, string store)
    {
        var configured = builder.Configuration.GetSection("Actors:Auth:Tokens").GetChildren().Any()
            || builder.Configuration.GetSection("Actors:Auth:Jwt").Get<JwtOptions>()?.Enabled == true;
        var useDevelopmentTokens = !configured && (store == "sqlite" || builder.Environment.IsDevelopment());
        if (!configured && !useDevelopmentTokens)
        {
            throw new SiloConfigurationException(
                "PostgreSQL is configured but no bearer tokens are (Actors:Auth:Tokens or Actors:Auth:Jwt). Configure tokens, or set ASPNETCORE_ENVIRONMENT=Development to accept the development tokens.");
        }

        builder.Services.AddOptions<AuthOptions>().BindConfiguration("Actors:Auth")
            .PostConfigure(o => o.UseDevelopmentTokens = useDevelopmentTokens)
            .Validate(o => o.Tokens.TrueForAll(t => t.Token.Length >= 8 && t.Principal.Length > 0), "Every configured token needs a Token of at least 8 characters and a Principal.")
            .Validate(o => o.Tokens.Select(t => t.Token).Distinct(StringComparer.Ordinal).Count() == o.Tokens.Count, "Two configured tokens are equal.")
            .Validate(ValidPermissions, "A configured permission is not of the form actors/<type>:<read|write|rewind|rewind:preview|pii|admin|erase|*>.")
            .Validate(o => !o.Jwt.Enabled || string.IsNullOrWhiteSpace(o.Jwt.Authority) != string.IsNullOrWhiteSpace(o.Jwt.SigningKeysFile),
                "Actors:Auth:Jwt takes an Authority or a SigningKeysFile, not both.")
            .Validate(o => !o.Jwt.Enabled || !string.IsNullOrWhiteSpace(o.Jwt.Audience), "Actors:Auth:Jwt:Audience is required: the 'aud' tokens for this server carry.")
            .Validate(o => string.IsNullOrWhiteSpace(o.Jwt.SigningKeysFile) || !string.IsNullOrWhiteSpace(o.Jwt.Issuer),
                "Actors:Auth:Jwt:Issuer is required with a SigningKeysFile: the 'iss' tokens must carry.")
            .Validate(o => !o.Jwt.Enabled || (!string.IsNullOrWhiteSpace(o.Jwt.PrincipalClaim) && !string.IsNullOrWhiteSpace(o.Jwt.PermissionsClaim)),
                "Actors:Auth:Jwt:PrincipalClaim and PermissionsClaim must not be empty.")
            .Validate(ReadableSigningKeys, "Actors:Auth:Jwt:SigningKeysFile must be a readable JSON Web Key Set with at least one signing key.")
            .ValidateOnStart();
        return useDevelopmentTokens;
    }

    private static bool ReadableSigningKeys(AuthOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Jwt.SigningKeysFile))
        {
            return true;
        }

        try
        {
            return options.Jwt.ReadSigningKeys().Count > 0;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool ValidPermissions(AuthOptions options)
    {
        try
        {
            options.Tokens.ForEach(t => PermissionSet.Parse(t.Permissions));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
