using DataAccessBroker.Web.Composition;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DataAccessBroker.Web.Pages;

/// <summary>The language switch: remembered in a cookie for a year, then back to the page the user was on.</summary>
public sealed class LanguageModel : PageModel
{
    public IActionResult OnPost(string culture, string? returnUrl)
    {
        if (PortalLocalization.Supported.Any(c => c.Name == culture))
        {
            Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), Secure = true, HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
