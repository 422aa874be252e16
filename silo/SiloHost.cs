using Actors.Abstractions.Storage;
using Actors.Gateway;
using Actors.Gateway.Security;
using Actors.Grains;
using Actors.Runtime.Entities;
using Actors.Runtime.Hosting;
using Actors.Storage.Postgres;
using Actors.Storage.Sqlite;
using Microsoft.Extensions.Options;

namespace Actors.Silo;

/// <summary>Builds the silo: configuration, store choice, runtime, gateway.</summary>
public static class SiloHost
{
    /// <summary>Where the silo listens when neither <c>--urls</c> nor <c>ASPNETCORE_URLS</c> says otherwise.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>The embedded store's file, relative to the working directory, unless <c>Actors:Sqlite:Path</c> says otherwise.</summary>
    public const string DefaultSqliteFile = "actors.db";

    /// <summary>Builds a silo from command-line arguments; <paramref name="configure"/> lets tests add configuration.</summary>
    /// <exception cref="SiloConfigurationException">The configuration is unsafe or incomplete; the message says why.</exception>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
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
        }

        var useDevelopmentTokens = ConfigureTokens(builder, store);
        builder.Services.AddOptions<ActorRuntimeOptions>()
            .Configure(o => o.VerifyHeadBeforeTurn = store == "postgres")
            .BindConfiguration("Actors:Runtime")
            .Validate(o => o.SnapshotInterval > 0, "Actors:Runtime:SnapshotInterval must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new ActorTypeRegistry(ActorGrains.Types));
        builder.Services.AddSingleton<CommitNotifier>();
        builder.Services.AddSingleton<ActorRuntime>();
        builder.Services.AddHostedService<JournalInitializer>();
        builder.Services.AddActorsGateway();
        builder.Services.Configure<ProblemDetailsOptions>(o => o.CustomizeProblemDetails = Actors.Gateway.Http.StatusProblems.Customize);
        builder.Services.AddSingleton<Telemetry>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;

            // Headers or bodies trickled in to hold a connection open are cut off (408 or a closed connection). The body size
            // stays Kestrel's (30 MB) on purpose: the gateway refuses bodies above MaxBodyBytes with a 413 problem, and
            // Kestrel can then drain the rest and keep the connection; at the same limit it would close the connection instead.
            var limits = builder.Configuration.GetSection("Actors:Gateway").Get<GatewayOptions>() ?? new GatewayOptions();
            kestrel.Limits.RequestHeadersTimeout = limits.RequestHeadersTimeout;
            kestrel.Limits.MinRequestBodyDataRate = new Microsoft.AspNetCore.Server.Kestrel.Core.MinDataRate(limits.MinBodyBytesPerSecond, limits.BodyGracePeriod);
        });

        var app = builder.Build();
        _ = app.Services.GetRequiredService<Telemetry>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Actors.Silo");
        logger.LogInformation("Journal store: {Store}", store == "postgres" ? "PostgreSQL" : $"SQLite ({builder.Configuration["Actors:Sqlite:Path"] ?? DefaultSqliteFile})");
        if (useDevelopmentTokens)
        {
            logger.LogWarning("No tokens are configured (Actors:Auth:Tokens): accepting the development tokens dev-admin, dev-support and dev-reader. Configure real tokens before exposing this silo.");
        }

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapActorsGateway();
        return app;
    }

    private static bool ConfigureTokens(WebApplicationBuilder builder, string store)
    {
        var configured = builder.Configuration.GetSection("Actors:Auth:Tokens").GetChildren().Any();
        var useDevelopmentTokens = !configured && (store == "sqlite" || builder.Environment.IsDevelopment());
        if (!configured && !useDevelopmentTokens)
        {
            throw new SiloConfigurationException(
                "PostgreSQL is configured but no bearer tokens are (Actors:Auth:Tokens). Configure tokens, or set ASPNETCORE_ENVIRONMENT=Development to accept the development tokens.");
        }

        builder.Services.AddOptions<AuthOptions>().BindConfiguration("Actors:Auth")
            .PostConfigure(o => o.UseDevelopmentTokens = useDevelopmentTokens)
            .Validate(o => o.Tokens.TrueForAll(t => t.Token.Length >= 8 && t.Principal.Length > 0), "Every configured token needs a Token of at least 8 characters and a Principal.")
            .Validate(o => o.Tokens.Select(t => t.Token).Distinct(StringComparer.Ordinal).Count() == o.Tokens.Count, "Two configured tokens are equal.")
            .Validate(ValidPermissions, "A configured permission is not of the form actors/<type>:<read|write|rewind|rewind:preview|pii|*>.")
            .ValidateOnStart();
        return useDevelopmentTokens;
    }

    private static bool ValidPermissions(AuthOptions options)
    {
        try
        {
            options.Tokens.ForEach(t => Actors.Abstractions.Security.PermissionSet.Parse(t.Permissions));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
