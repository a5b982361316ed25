using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace DataAccessBroker.Web.TagHelpers;

/// <summary>
/// Ties a form control to its hint and its error for screen readers: <c>aria-describedby</c> names the elements
/// <c>{id}-hint</c> (when <c>dab-hint</c> is set) and <c>{id}-error</c>, and <c>aria-invalid</c> is set while the
/// field has an error. Runs after the built-in tag helpers have given the control its id.
/// </summary>
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
public sealed class AccessibleFieldTagHelper : TagHelper
{
    [HtmlAttributeName("asp-for")] public ModelExpression For { get; set; } = null!;

    [HtmlAttributeName("dab-hint")] public bool HasHint { get; set; }

    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;

    public override int Order => 1000;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        var id = TagBuilder.CreateSanitizedId(name, "_");
        var invalid = ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) && entry.Errors.Count > 0;
        var described = new List<string>();
        if (output.Attributes.TryGetAttribute("aria-describedby", out var given)) described.Add($"{given.Value}");
        if (HasHint) described.Add($"{id}-hint");
        if (invalid)
        {
            described.Add($"{id}-error");
            output.Attributes.SetAttribute("aria-invalid", "true");
        }

        if (described.Count > 0) output.Attributes.SetAttribute("aria-describedby", string.Join(' ', described));
    }
}
