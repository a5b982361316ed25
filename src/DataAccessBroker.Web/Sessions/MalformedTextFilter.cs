using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace DataAccessBroker.Web.Sessions;

/// <summary>
/// Refuses a posted form that cannot be read (NUL characters, more fields than ASP.NET Core reads) or whose bytes were
/// not valid UTF-8. ASP.NET Core decodes such bytes to U+FFFD without a word,
/// and the broker would then store the replacement characters as if the user had typed them; a browser posting one of
/// the portal's pages always sends valid UTF-8, so a U+FFFD in a form value means broken or hostile input.
/// </summary>
public sealed class MalformedTextFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        if (request.HasFormContentType)
        {
            var form = await PostedForm.TryReadAsync(request);
            if (form is null || form.Any(field => field.Key.Contains('\uFFFD') || field.Value.Any(v => v?.Contains('\uFFFD') == true)))
            {
                context.Result = new BadRequestResult();
                return;
            }
        }

        await next();
    }
}
