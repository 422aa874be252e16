using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using Actors.Gateway.Http;
using Microsoft.AspNetCore.Builder;
using Actors.Gateway.OpenApi;
using D = Actors.Gateway.OpenApi.OpenApiDescriptions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace Actors.Gateway.Endpoints;

/// <summary>
/// <c>GET /console</c>: the support console, a static page whose files are embedded in this assembly
/// (<c>Console/*</c>), so the silo serves it with no files on disk and no separate server.
/// </summary>
public static class ConsoleApi
{
    private const string ResourcePrefix = "console/";
    private const string PagePath = "/console";
    private const string PageName = "index.html";

    // The page is allowed to talk only to this silo, run only its own scripts and never be framed:
    // it holds a bearer token, so nothing from elsewhere may run beside it.
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly Lazy<FrozenDictionary<string, ConsoleFile>> Files = new(Load);

    public static IEndpointRouteBuilder MapConsoleApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(PagePath);
        group.MapGet("", GetPage)
            .Describe("console", "getConsole", "The support console",
                "A static page for support staff; it asks for a bearer token and calls this API from the browser.")
            .Answers(StatusCodes.Status200OK, "The page.", D.String(), "text/html");
        group.MapGet("/{name}", GetFile)
            .Describe("console", "getConsoleFile", "A file of the support console",
                "A script, style sheet or icon the page links to; cached for good when asked for with ?v=<its content hash>.")
            .Query("v", "The file's content hash, as the page links it.", D.String())
            .Answers(StatusCodes.Status200OK, "The file.", D.String("binary"), "*/*")
            .Refuses(404);
        return app;
    }

    /// <summary>The page. Always revalidated (<c>no-cache</c> with an ETag), so a new silo version is seen at once.</summary>
    public static IResult GetPage(HttpContext http)
    {
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        return Serve(http, Files.Value[PageName], immutable: false);
    }

    /// <summary>
    /// A script, style sheet or icon. The page links each with <c>?v=&lt;hash of its content&gt;</c>; such a request
    /// may be cached for good, since another content has another URL. Any other request is revalidated.
    /// </summary>
    public static IResult GetFile(string name, HttpContext http)
    {
        if (name == PageName)
        {
            return GetPage(http);
        }

        if (!Files.Value.TryGetValue(name, out var file))
        {
            return Problems.Create(StatusCodes.Status404NotFound, $"The console has no file '{(name.Length <= 64 ? name : name[..64])}'.");
        }

        return Serve(http, file, immutable: http.Request.Query["v"] == file.Version);
    }

    private static IResult Serve(HttpContext http, ConsoleFile file, bool immutable)
    {
        http.Response.Headers.CacheControl = immutable ? "public, max-age=31536000, immutable" : "no-cache";
        http.Response.Headers.XContentTypeOptions = "nosniff";

        // FileContentHttpResult answers 304 itself when If-None-Match names this ETag.
        return TypedResults.Bytes(file.Content, file.ContentType, entityTag: file.ETag);
    }

    private static FrozenDictionary<string, ConsoleFile> Load()
    {
        var assembly = typeof(ConsoleApi).Assembly;
        var types = new FileExtensionContentTypeProvider();
        var raw = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            raw[resource[ResourcePrefix.Length..]] = buffer.ToArray();
        }

        if (!raw.TryGetValue(PageName, out var page))
        {
            throw new InvalidOperationException($"The console page '{ResourcePrefix}{PageName}' is not embedded in {assembly.GetName().Name}.");
        }

        var files = raw
            .Where(r => r.Key != PageName)
            .ToDictionary(r => r.Key, r => ConsoleFile.Create(r.Key, r.Value, types), StringComparer.Ordinal);

        // Link every file the page names with its content hash, so browsers may keep it until it changes.
        var html = Encoding.UTF8.GetString(page);
        foreach (var (name, file) in files)
        {
            html = html.Replace($"\"{PagePath}/{name}\"", $"\"{PagePath}/{name}?v={file.Version}\"", StringComparison.Ordinal);
        }

        files[PageName] = ConsoleFile.Create(PageName, Encoding.UTF8.GetBytes(html), types);
        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private sealed record ConsoleFile(byte[] Content, string ContentType, string Version)
    {
        public EntityTagHeaderValue ETag { get; } = new($"\"{Version}\"");

        public static ConsoleFile Create(string name, byte[] content, FileExtensionContentTypeProvider types)
        {
            var contentType = types.TryGetContentType(name, out var known) ? known : "application/octet-stream";
            if (contentType.StartsWith("text/", StringComparison.Ordinal) || contentType is "application/javascript" or "text/javascript" or "image/svg+xml")
            {
                contentType += "; charset=utf-8";
            }

            var version = Convert.ToHexStringLower(SHA256.HashData(content))[..16];
            return new ConsoleFile(content, contentType, version);
        }
    }
}
