using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DataAccessBroker.Web.Pages;

/// <summary>The status pages: what went wrong in words, with the status code kept for the browser and for scripts.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }
    public string Title { get; private set; } = "";
    public string Explanation { get; private set; } = "";

    public void OnGet([FromQuery] int? code) => Describe(code);

    // Status pages are re-executed with the failed request's method; the code comes from the query, never from the
    // posted form, which may be the very thing that could not be read.
    public void OnPost([FromQuery] int? code) => Describe(code);

    private void Describe(int? code)
    {
        Code = code ?? StatusCodes.Status500InternalServerError;
        (Title, Explanation) = Code switch
        {
            400 => ("The request was refused", "The page could not accept what was sent. Go back, check the form and try again."),
            403 => ("Not available to your role", "Your role does not give access to this page. The menu shows the pages you can use."),
            404 => ("Not found", "There is no such page, or nothing here that you may see."),
            409 => ("Changed by someone else", "Someone changed this while you were working on it. Open it again to see the current version."),
            413 => ("Too large", "What was sent is larger than the broker accepts."),
            503 => ("The broker is not answering", "The service behind the portal did not answer. Nothing was changed; try again in a moment."),
            _ => ("Something went wrong", "The portal could not complete the request. Nothing was changed; try again in a moment."),
        };
    }
}
