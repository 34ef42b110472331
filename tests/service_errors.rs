use tjs::core::service_error::{decode, field_paths};

#[test]
fn decodes_sagemaker_json_errors() {
    let e = decode(
        400,
        r#"{"__type":"com.amazon.coral.validate#ValidationException","message":"1 validation error detected"}"#,
    );
    assert_eq!((e.code.as_str(), e.message.as_str()), ("ValidationException", "1 validation error detected"));
    let e = decode(400, r#"{"__type":"ResourceInUse","Message":"Training job names must be unique"}"#);
    assert_eq!((e.code.as_str(), e.message.as_str()), ("ResourceInUse", "Training job names must be unique"));
}

#[test]
fn decodes_moto_xml_errors() {
    let body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ErrorResponse><Errors><Error><Code>SignatureDoesNotMatch</Code>\
                <Message>The request signature we calculated does not match &amp; so on</Message></Error></Errors></ErrorResponse>";
    let e = decode(403, body);
    assert_eq!(e.code, "SignatureDoesNotMatch");
    assert_eq!(e.message, "The request signature we calculated does not match & so on");
}

#[test]
fn shows_anything_else_raw() {
    let e = decode(502, "<html>Bad Gateway</html>");
    assert_eq!((e.code.as_str(), e.message.as_str()), ("HTTP 502", "<html>Bad Gateway</html>"));
    assert_eq!(decode(500, "").code, "HTTP 500");
}

#[test]
fn maps_validation_paths_onto_form_paths() {
    let msg = "2 validation errors detected: Value 'Foo' at 'inputDataConfig.1.member.inputMode' failed to satisfy \
               constraint: Member must satisfy enum value set: [Pipe, File]; Value 'x' at 'resourceConfig.instanceCount' failed";
    assert_eq!(field_paths(msg), ["InputDataConfig[0].InputMode", "ResourceConfig.InstanceCount"]);
    assert_eq!(field_paths("Value 'a_b' at 'trainingJobName' failed"), ["TrainingJobName"]);
    assert!(field_paths("nothing here.member.1").is_empty());
}
