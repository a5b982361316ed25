using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;

namespace DataAccessBroker.Web.TagHelpers;

/// <summary>
/// <c>&lt;field-error name="Form.Title" /&gt;</c>: the field's error, as the element its <c>aria-describedby</c> names
/// (<c>{id}-error</c>), or nothing while the field is fine. A tag helper rather than a partial view: a form renders one
/// per field, and a partial's lookup and rendering made the new-application page measurably slower.
/// </summary>
[HtmlTargetElement("field-error", Attributes = "name", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldErrorTagHelper(IStringLocalizer<SharedResource> t) : TagHelper
{
    public string Name { get; set; } = "";

    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (!ViewContext.ViewData.ModelState.TryGetValue(Name, out var entry) || entry.Errors.Count == 0)
        {
            output.SuppressOutput();
            return;
        }

        output.TagName = "p";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "field-error");
        output.Attributes.SetAttribute("id", $"{TagBuilder.CreateSanitizedId(Name, "_")}-error");
        output.Content.AppendHtml("<span class=\"visually-hidden\">");
        output.Content.Append(t["Error:"]);
        output.Content.AppendHtml("</span> ");
        output.Content.Append(string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)));
    }
}
