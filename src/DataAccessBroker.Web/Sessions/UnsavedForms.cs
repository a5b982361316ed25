using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Primitives;

namespace DataAccessBroker.Web.Sessions;

/// <summary>
/// A form posted after the session ended is not lost: it is kept (in the distributed cache, under a random key the
/// browser holds in a cookie) while the user signs in again, and the page it was posted to fills itself from it once,
/// saving nothing until the user saves again. Only forms posted from the portal's own pages are kept, so another site
/// cannot plant content in a user's form.
/// </summary>
public sealed class UnsavedForms(IDistributedCache cache)
{
    private const string CookieName = "dab.unsaved";
    private const int MaxBytes = 512 * 1024;
    private static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(30);

    public async Task KeepAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method) || !request.HasFormContentType || !FromOwnPage(request)
            || request.ContentLength > MaxBytes)
        {
            return;
        }

        if (await PostedForm.TryReadAsync(request) is not { } form) return;
        var fields = form.Where(f => f.Key != "__RequestVerificationToken")
            .ToDictionary(f => f.Key, f => f.Value.Select(v => v ?? "").ToArray());
        var key = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));
        await cache.SetAsync(Entry(key), JsonSerializer.SerializeToUtf8Bytes(new Kept(request.Path, fields)),
            new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = KeptFor }, context.RequestAborted);
        context.Response.Cookies.Append(CookieName, key, new CookieOptions
        {
            HttpOnly = true, Secure = true, SameSite = SameSiteMode.Lax, MaxAge = KeptFor, IsEssential = true,
        });
    }

    /// <summary>The form kept for this page, once; or, when one was kept and has since gone, that it was lost.</summary>
    public async Task<UnsavedForm?> TakeAsync(HttpContext context)
    {
        if (!context.Request.Cookies.TryGetValue(CookieName, out var key)) return null;
        var stored = await cache.GetAsync(Entry(key), context.RequestAborted);
        var kept = stored is null ? null : JsonSerializer.Deserialize<Kept>(stored);
        if (kept is not null && kept.Path != context.Request.Path) return null;

        context.Response.Cookies.Delete(CookieName);
        if (kept is null) return UnsavedForm.Lost;
        await cache.RemoveAsync(Entry(key), context.RequestAborted);
        return new UnsavedForm(kept.Fields.ToDictionary(f => f.Key, f => new StringValues(f.Value)));
    }

    private static bool FromOwnPage(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        return origin.Length > 0
            ? origin == $"{request.Scheme}://{request.Host}"
            : request.Headers["Sec-Fetch-Site"] == "same-origin";
    }

    private static string Entry(string key) => $"unsaved-form:{key}";

    private sealed record Kept(string Path, Dictionary<string, string[]> Fields);
}

/// <summary>A form kept across a new sign-in; <see cref="Lost"/> when it could not be kept.</summary>
public sealed record UnsavedForm(IReadOnlyDictionary<string, StringValues> Fields)
{
    public static readonly UnsavedForm Lost = new(new Dictionary<string, StringValues>());
    public bool WasLost => ReferenceEquals(this, Lost);

    /// <summary>The kept fields as a posted form, for the page to bind its model from as it would the post.</summary>
    public IValueProvider Values() => new FormValueProvider(BindingSource.Form,
        new FormCollection(new Dictionary<string, StringValues>(Fields)), CultureInfo.CurrentCulture);
}
