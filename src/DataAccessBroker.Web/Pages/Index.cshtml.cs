using DataAccessBroker.Web.Composition;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DataAccessBroker.Web.Pages;

/// <summary>The portal's address: signing in happens on the way here; then each user goes to their own work.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => RedirectToPage(User.StartPage());
}
