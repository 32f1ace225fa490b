// The neutral (main-assembly) resources of GreenFreight.Domain are Chinese (zh-CN);
// other languages (en) are satellite assemblies.
[assembly: System.Resources.NeutralResourcesLanguage("zh-CN")]
