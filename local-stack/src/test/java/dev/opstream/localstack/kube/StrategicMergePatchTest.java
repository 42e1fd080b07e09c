package dev.opstream.localstack.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class StrategicMergePatchTest {

  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void mergesObjectsAndRemovesFieldsSetToNull() {
    JsonNode result =
        apply(
            "{'metadata':{'labels':{'a':'1','b':'2'}},'spec':{'replicas':1}}",
            "{'metadata':{'labels':{'b':null,'c':'3'}},'spec':{'replicas':2}}");

    assertThat(result)
        .isEqualTo(json("{'metadata':{'labels':{'a':'1','c':'3'}},'spec':{'replicas':2}}"));
  }

  @Test
  void mergesContainersByNameKeepingTheOthers() {
    JsonNode result =
        apply(
            "{'containers':[{'name':'app','image':'a:1','args':['x']},{'name':'side','image':'s:1'}]}",
            "{'containers':[{'name':'side','image':'s:2'},{'name':'new','image':'n:1'}]}");

    assertThat(result)
        .isEqualTo(
            json(
                "{'containers':[{'name':'app','image':'a:1','args':['x']},"
                    + "{'name':'side','image':'s:2'},{'name':'new','image':'n:1'}]}"));
  }

  @Test
  void replacesListsWithoutAMergeKey() {
    JsonNode result = apply("{'args':['a','b']}", "{'args':['c']}");

    assertThat(result).isEqualTo(json("{'args':['c']}"));
  }

  @Test
  void keysContainerPortsByContainerPortAndServicePortsByPort() {
    assertThat(
            apply(
                "{'ports':[{'containerPort':80,'name':'http'},{'containerPort':9090}]}",
                "{'ports':[{'containerPort':80,'name':'web'}]}"))
        .isEqualTo(json("{'ports':[{'containerPort':80,'name':'web'},{'containerPort':9090}]}"));
    assertThat(
            apply(
                "{'ports':[{'port':80,'targetPort':8080},{'port':443}]}",
                "{'ports':[{'port':443,'targetPort':8443}]}"))
        .isEqualTo(
            json("{'ports':[{'port':80,'targetPort':8080},{'port':443,'targetPort':8443}]}"));
  }

  @Test
  void deletesListElementsAndObjectsMarkedWithPatchDelete() {
    JsonNode result =
        apply(
            "{'env':[{'name':'A','value':'1'},{'name':'B','value':'2'}],'strategy':{'rollingUpdate':{'maxSurge':1}}}",
            "{'env':[{'name':'A','$patch':'delete'}],'strategy':{'rollingUpdate':{'$patch':'delete'}}}");

    assertThat(result).isEqualTo(json("{'env':[{'name':'B','value':'2'}],'strategy':{}}"));
  }

  @Test
  void replacesObjectsAndListsMarkedWithPatchReplace() {
    assertThat(apply("{'data':{'a':'1','b':'2'}}", "{'data':{'$patch':'replace','c':'3'}}"))
        .isEqualTo(json("{'data':{'c':'3'}}"));
    assertThat(
            apply(
                "{'containers':[{'name':'a'},{'name':'b'}]}",
                "{'containers':[{'name':'c'},{'$patch':'replace'}]}"))
        .isEqualTo(json("{'containers':[{'name':'c'}]}"));
  }

  @Test
  void keepsOnlyRetainedKeys() {
    JsonNode result =
        apply(
            "{'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxSurge':1}}}",
            "{'strategy':{'$retainKeys':['type'],'type':'Recreate'}}");

    assertThat(result).isEqualTo(json("{'strategy':{'type':'Recreate'}}"));
  }

  @Test
  void ordersListsAsSetElementOrderSays() {
    JsonNode result =
        apply(
            "{'containers':[{'name':'a'},{'name':'b'}]}",
            "{'$setElementOrder/containers':[{'name':'b'},{'name':'a'}],'containers':[{'name':'a','image':'x'}]}");

    assertThat(result).isEqualTo(json("{'containers':[{'name':'b'},{'name':'a','image':'x'}]}"));
  }

  @Test
  void deletesFromPrimitiveListsAndUnionsFinalizers() {
    JsonNode result =
        apply(
            "{'finalizers':['a','b'],'args':['x','y']}",
            "{'finalizers':['c'],'$deleteFromPrimitiveList/finalizers':['a']}");

    assertThat(result).isEqualTo(json("{'finalizers':['b','c'],'args':['x','y']}"));
  }

  @Test
  void leavesNoDirectivesInNewElements() {
    JsonNode result = apply("{}", "{'spec':{'$retainKeys':['a'],'a':{'$patch':'replace','b':1}}}");

    assertThat(result).isEqualTo(json("{'spec':{'a':{'b':1}}}"));
  }

  @Test
  void doesNotModifyItsArguments() {
    JsonNode original = json("{'containers':[{'name':'a','image':'1'}]}");
    JsonNode patch = json("{'containers':[{'name':'a','image':'2'}]}");

    StrategicMergePatch.apply(original, patch);

    assertThat(original).isEqualTo(json("{'containers':[{'name':'a','image':'1'}]}"));
    assertThat(patch).isEqualTo(json("{'containers':[{'name':'a','image':'2'}]}"));
  }

  @Test
  void rejectsAPatchThatIsNotAnObject() {
    assertThatThrownBy(() -> StrategicMergePatch.apply(json("{}"), json("[1]")))
        .isInstanceOf(PatchException.class);
  }

  private JsonNode apply(String original, String patch) {
    return StrategicMergePatch.apply(json(original), json(patch));
  }

  private JsonNode json(String singleQuoted) {
    try {
      return mapper.readTree(singleQuoted.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
