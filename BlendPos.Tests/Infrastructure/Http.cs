using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace BlendPos.Tests.Infrastructure;

public static class Http
{
    public static StringContent Json(string raw) => new(raw, Encoding.UTF8, "application/json");

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        try
        {
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new InvalidOperationException($"Not JSON ({(int)response.StatusCode}): {text}");
        }
    }

    /// <summary>Asserts the status and that the body is RFC 9457 problem+json with that status; returns it.</summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)status, json.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("title").GetString()));
        return json;
    }

    /// <summary>The value of a hidden input (e.g. <c>__RequestVerificationToken</c>) in a page.</summary>
    public static string HiddenInput(string html, string name)
    {
        var tag = Regex.Match(html, $"<input[^>]*name=\"{Regex.Escape(name)}\"[^>]*>");
        Assert.True(tag.Success, $"No input named {name} in the page");
        return System.Net.WebUtility.HtmlDecode(Regex.Match(tag.Value, "value=\"([^\"]*)\"").Groups[1].Value);
    }

    /// <summary>The content of a <c>&lt;meta name=…&gt;</c> tag in a page.</summary>
    public static string MetaContent(string html, string name)
    {
        var tag = Regex.Match(html, $"<meta[^>]*name=\"{Regex.Escape(name)}\"[^>]*>");
        Assert.True(tag.Success, $"No meta named {name} in the page");
        return System.Net.WebUtility.HtmlDecode(Regex.Match(tag.Value, "content=\"([^\"]*)\"").Groups[1].Value);
    }

    /// <summary>Decodes one part of a JWT (0 = header, 1 = payload) without checking its signature.</summary>
    public static JsonElement JwtPart(string jwt, int part)
    {
        var segment = jwt.Split('.')[part].Replace('-', '+').Replace('_', '/');
        segment = segment.PadRight(segment.Length + (4 - segment.Length % 4) % 4, '=');
        return JsonDocument.Parse(Convert.FromBase64String(segment)).RootElement.Clone();
    }

    public static async Task<JsonElement> ShouldBeAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }
}
