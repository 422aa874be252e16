using System.Text.Json.Nodes;
using Actors.Grains;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Actors.Gateway.OpenApi;

/// <summary>
/// How an endpoint describes itself in the OpenAPI document, as endpoint metadata next to its mapping. The standard
/// calls do most of it: <c>WithName</c> (the operationId), <c>WithSummary</c>, <c>WithDescription</c>, <c>WithTags</c>,
/// <c>Produces&lt;T&gt;</c> and <c>ProducesProblem</c> (every problem status). What they cannot say (query and header
/// parameters the handler reads itself, a body or an answer with no C# type) these add, as JSON Schema fragments
/// that <see cref="OperationDescriber"/> puts into the operation.
/// <para>
/// A route under <c>{type}</c> is described once per actor type (<see cref="ActorTypeDocument"/>): in its texts and
/// names <c>{actor}</c> stands for the type's name (order), <c>{Actor}</c> for its schema prefix (Order, so
/// <c>#/components/schemas/{Actor}State</c>), <c>{an-actor}</c> for "an order" or "a ticket" (<c>{An-actor}</c> to start a sentence).
/// </para>
/// </summary>
public static class OpenApiDescriptions
{
    /// <summary>The actor type's name, in the texts of a per-type operation.</summary>
    public const string ActorName = "{actor}";

    /// <summary>The actor type's schema prefix, in operation ids and schema references of a per-type operation.</summary>
    public const string ActorPrefix = "{Actor}";

    /// <summary>"an order", "a ticket": the actor type's name with its article.</summary>
    public const string AnActor = "{an-actor}";

    /// <summary>"An order", "A ticket": the same at the start of a sentence.</summary>
    public const string AnActorCapitalized = "{An-actor}";

    /// <summary>Tag, operationId, summary and description in one call.</summary>
    public static TBuilder Describe<TBuilder>(this TBuilder builder, string tag, string operationId, string summary, string description)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithTags(tag).WithName(operationId).WithSummary(summary).WithDescription(description);

    /// <summary>The problem answers this endpoint may give; each is application/problem+json.</summary>
    public static RouteHandlerBuilder Refuses(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            builder.ProducesProblem(status);
        }

        return builder;
    }

    /// <summary>A query parameter the handler reads from the request itself.</summary>
    public static TBuilder Query<TBuilder>(this TBuilder builder, string name, string description, JsonObject schema, bool required = false)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new OpenApiParameterMetadata(Parameter("query", name, description, schema, required)));

    /// <summary>A request header the handler reads.</summary>
    public static TBuilder Header<TBuilder>(this TBuilder builder, string name, string description, JsonObject? schema = null)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new OpenApiParameterMetadata(Parameter("header", name, description, schema ?? String(), required: false)));

    /// <summary>The cursor and limit of a paged listing.</summary>
    public static TBuilder Paged<TBuilder>(this TBuilder builder, int defaultLimit)
        where TBuilder : IEndpointConventionBuilder =>
        builder
            .Query("limit", $"Page size, 1-1000 (default {defaultLimit}).", Limit(defaultLimit))
            .Query("cursor", "Where the previous page ended: its nextCursor.", String());

    /// <summary>A required JSON request body.</summary>
    public static TBuilder Body<TBuilder>(this TBuilder builder, JsonObject schema)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new OpenApiBodyMetadata(new JsonObject
        {
            ["required"] = true,
            ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = schema } },
        }));

    /// <summary>A successful answer whose body has no C# type of its own (otherwise use <c>Produces&lt;T&gt;</c>).</summary>
    public static TBuilder Answers<TBuilder>(this TBuilder builder, int status, string description, JsonObject schema, string mediaType = "application/json", JsonObject? headers = null)
        where TBuilder : IEndpointConventionBuilder
    {
        var response = new JsonObject
        {
            ["description"] = description,
            ["content"] = new JsonObject { [mediaType] = new JsonObject { ["schema"] = schema } },
        };
        if (headers is not null)
        {
            response["headers"] = headers;
        }

        return builder.WithMetadata(new OpenApiAnswerMetadata(status, response));
    }

    /// <summary>What only an actor type knows (its fields, say): run on each per-type copy of the operation, as JSON.</summary>
    public static TBuilder PerActorType<TBuilder>(this TBuilder builder, Action<JsonObject, ActorTypeDescriptor> describe)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new OpenApiPerActorTypeMetadata(describe));

    /// <summary>A reference to the component schema <paramref name="name"/>.</summary>
    public static JsonObject Ref(string name) => Components.Ref(name);

    public static JsonObject String(string? format = null) => SharedSchemas.String(format);

    public static JsonObject NullableString() => new() { ["type"] = new JsonArray("string", "null") };

    public static JsonObject Integer() => SharedSchemas.Integer();

    public static JsonObject Object(string? description, string[] required, params (string Name, JsonNode Schema)[] properties) =>
        SharedSchemas.Object(description, required, properties);

    public static JsonObject ArrayOf(JsonObject items) => SharedSchemas.ArrayOf(items);

    public static JsonObject Nullable(JsonObject schema) => SharedSchemas.Nullable(schema);

    public static JsonObject Described(JsonObject schema, string description) => SharedSchemas.Described(schema, description);

    public static JsonObject Limit(int defaultLimit) =>
        new() { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = 1000, ["default"] = defaultLimit };

    public static JsonObject Flag() =>
        new() { ["type"] = "boolean", ["description"] = "Present and empty, true or 1 is true; false or 0 is false." };

    /// <summary>A response header.</summary>
    public static JsonObject HeaderSchema(string description, JsonObject? schema = null) =>
        new() { ["description"] = description, ["schema"] = schema ?? String() };

    /// <summary>The ETag every answer about one actor carries: its version, quoted.</summary>
    public static JsonObject ETag() => new() { ["ETag"] = HeaderSchema("The actor's version after the request, quoted: \"3\".") };

    /// <summary>The ETag and the history lifecycle's headers of an answer that read history.</summary>
    public static JsonObject HistoryHeaders()
    {
        var headers = ETag();
        headers["Actors-History-Tier"] = HeaderSchema(
            "Which tier served the history read: hot (the journal) or archive (a Parquet file of compacted history).",
            new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("hot", "archive") });
        headers["Actors-History-Earliest-Version"] = HeaderSchema(
            "Where the actor's readable history starts (1 unless older history was pruned); set by getCheckpoints, getActivityLog and getHistory.",
            Integer());
        headers["Actors-History-Earliest-Timestamp"] = HeaderSchema("The commit time of Actors-History-Earliest-Version.");
        return headers;
    }

    private static JsonObject Parameter(string location, string name, string description, JsonObject schema, bool required) => new()
    {
        ["name"] = name,
        ["in"] = location,
        ["description"] = description,
        ["required"] = required,
        ["schema"] = schema,
    };
}

/// <summary>A parameter (OpenAPI parameter object, as JSON) the handler reads itself.</summary>
public sealed record OpenApiParameterMetadata(JsonObject Parameter);

/// <summary>The request body (OpenAPI request body object, as JSON).</summary>
public sealed record OpenApiBodyMetadata(JsonObject RequestBody);

/// <summary>A successful answer (OpenAPI response object, as JSON).</summary>
public sealed record OpenApiAnswerMetadata(int Status, JsonObject Response);

/// <summary>Completes each per-type copy of an operation under <c>{type}</c>.</summary>
public sealed record OpenApiPerActorTypeMetadata(Action<JsonObject, ActorTypeDescriptor> Describe);
