namespace Actors.Gateway.Security;

/// <summary>One accepted bearer token, the principal it stands for and what it may do.</summary>
public sealed class TokenOptions
{
    /// <summary>The secret a client sends as <c>Authorization: Bearer &lt;token&gt;</c>. Never logged.</summary>
    public string Token { get; set; } = string.Empty;

    /// <summary>The name recorded on checkpoints and in the activity log.</summary>
    public string Principal { get; set; } = string.Empty;

    /// <summary>Grants such as <c>actors/order:read</c> or <c>actors/*:rewind:preview</c>.</summary>
    public List<string> Permissions { get; set; } = [];
}
