package server

import (
	"slices"
)

// Service-specific credentials (CodeCommit and Keyspaces passwords).

func init() {
	register("CreateServiceSpecificCredential", true, resUser("UserName"), createServiceCred)
	register("ListServiceSpecificCredentials", false, resUser("UserName"), listServiceCreds)
	register("UpdateServiceSpecificCredential", true, resUser("UserName"), updateServiceCred)
	register("ResetServiceSpecificCredential", true, resUser("UserName"), resetServiceCred)
	register("DeleteServiceSpecificCredential", true, resUser("UserName"), deleteServiceCred)
}

// serviceCredServices are the services IAM issues these credentials for.
var serviceCredServices = []string{"codecommit.amazonaws.com", "cassandra.amazonaws.com"}

// maxServiceCreds is IAM's quota per user and service.
const maxServiceCreds = 2

func writeServiceCred(w *xmlw, elem string, u *user, sc *serviceCred, withPassword bool) {
	w.open(elem)
	w.time("CreateDate", sc.Created)
	w.elem("ServiceName", sc.Service)
	w.elem("ServiceUserName", sc.ServiceUser)
	if withPassword {
		w.elem("ServicePassword", sc.Password)
	}
	w.elem("ServiceSpecificCredentialId", sc.ID)
	w.elem("UserName", u.Name)
	w.elem("Status", status(sc.Active))
	w.close(elem)
}

func createServiceCred(c *call) *APIError {
	u, err := c.user("UserName")
	if err != nil {
		return err
	}
	svc, err := c.p.required("ServiceName")
	if err != nil {
		return err
	}
	if !slices.Contains(serviceCredServices, svc) {
		return errf(CodeNotSupportedService, "Service %s is not supported for service-specific credentials.", svc)
	}
	n := 0
	for _, sc := range u.ServiceCreds {
		if sc.Service == svc {
			n++
		}
	}
	if n >= maxServiceCreds {
		return limitExceeded("Cannot exceed quota for ServiceSpecificCredentialsPerUserPerService: %d", maxServiceCreds)
	}
	sc := &serviceCred{
		ID: c.s.ids.id("ACCA"), Service: svc,
		ServiceUser: u.Name + "-at-" + c.s.account,
		Password:    secretString(c.s.readRand, 33),
		Active:      true, Created: c.now,
	}
	u.ServiceCreds = append(u.ServiceCreds, sc)
	writeServiceCred(c.w, "ServiceSpecificCredential", u, sc, true)
	return nil
}

func listServiceCreds(c *call) *APIError {
	u, err := c.userOrCaller("UserName")
	if err != nil {
		return err
	}
	svc := c.p.str("ServiceName")
	c.w.open("ServiceSpecificCredentials")
	if u != nil {
		for _, sc := range u.ServiceCreds {
			if svc == "" || sc.Service == svc {
				writeServiceCred(c.w, "member", u, sc, false)
			}
		}
	}
	c.w.close("ServiceSpecificCredentials")
	// IAM does not page this list, but clients expect the fields.
	writePage(c.w, "", false)
	return nil
}

func (c *call) serviceCred() (*user, int, *APIError) {
	u, err := c.userOrCaller("UserName")
	if err != nil {
		return nil, 0, err
	}
	id, err := c.p.required("ServiceSpecificCredentialId")
	if err != nil {
		return nil, 0, err
	}
	if u == nil {
		return nil, 0, errf(CodeNoSuchEntity, "No such credential %s.", id)
	}
	i := slices.IndexFunc(u.ServiceCreds, func(sc *serviceCred) bool { return sc.ID == id })
	if i < 0 {
		return nil, 0, errf(CodeNoSuchEntity, "No such credential %s.", id)
	}
	return u, i, nil
}

func updateServiceCred(c *call) *APIError {
	u, i, err := c.serviceCred()
	if err != nil {
		return err
	}
	active, err := statusParam(c.p)
	if err != nil {
		return err
	}
	u.ServiceCreds[i].Active = active
	return nil
}

func resetServiceCred(c *call) *APIError {
	u, i, err := c.serviceCred()
	if err != nil {
		return err
	}
	sc := u.ServiceCreds[i]
	sc.Password = secretString(c.s.readRand, 33)
	writeServiceCred(c.w, "ServiceSpecificCredential", u, sc, true)
	return nil
}

func deleteServiceCred(c *call) *APIError {
	u, i, err := c.serviceCred()
	if err != nil {
		return err
	}
	u.ServiceCreds = slices.Delete(u.ServiceCreds, i, i+1)
	return nil
}
